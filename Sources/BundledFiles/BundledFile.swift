import Foundation

/// A file that ships inside kabar (the entity model, the stemmer's root list, the outlet table),
/// and where the program looks for it.
///
/// The modules that read one keep working without it, with less; a missing or empty one is a
/// broken installation, which the program reports from each module's list of its files.
public struct BundledFile: Sendable, Hashable, CustomStringConvertible {
    /// The file's name as it ships: `ner.model`.
    public let name: String
    /// What kabar uses it for: `entity model`.
    public let purpose: String
    /// Where it is looked for.
    public let url: URL

    public init(name: String, purpose: String, url: URL) {
        self.name = name
        self.purpose = purpose
        self.url = url
    }

    /// The file `name` among the resources of `bundle`, whether it is there or not.
    public init(name: String, purpose: String, in bundle: Bundle) {
        self.init(
            name: name, purpose: purpose,
            url: (bundle.resourceURL ?? bundle.bundleURL).appendingPathComponent(name, isDirectory: false))
    }

    /// `the entity model ner.model`.
    public var description: String { "the \(purpose) \(name)" }

    /// Why the file cannot be used, seen from its presence and size alone (no reading); nil when it
    /// is there and not empty.
    public func presenceProblem() -> Problem? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            return Problem(file: self, reason: .missing)
        }
        if isFolder.boolValue { return Problem(file: self, reason: .unreadable("it is a folder")) }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            return Problem(file: self, reason: .unreadable("permission denied"))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        return size == 0 ? Problem(file: self, reason: .empty) : nil
    }

    /// The file's bytes; a problem when it is missing, cannot be read or is empty.
    public func read() throws(Problem) -> Data {
        if let problem = presenceProblem() { throw problem }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw Problem(file: self, reason: .unreadable(error.localizedDescription))
        }
    }

    /// The value `parse` makes of the file's bytes; a problem when the file cannot be read, when
    /// `parse` throws (the file is damaged) or when the value `isEmpty`.
    public func load<Value>(_ parse: (Data) throws -> Value, isEmpty: (Value) -> Bool) -> Result<Value, Problem> {
        let data: Data
        do {
            data = try read()
        } catch {
            return .failure(error)
        }
        do {
            let value = try parse(data)
            return isEmpty(value) ? .failure(Problem(file: self, reason: .empty)) : .success(value)
        } catch {
            return .failure(Problem(file: self, reason: .damaged("\(error)")))
        }
    }

    /// Why a bundled file cannot be used: a broken installation, said with the file and its path.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public let file: BundledFile
        public let reason: Reason

        public init(file: BundledFile, reason: Reason) {
            self.file = file
            self.reason = reason
        }

        public enum Reason: Sendable, Hashable, CustomStringConvertible {
            case missing
            case unreadable(String)
            case empty
            case damaged(String)

            public var description: String {
                switch self {
                case .missing: "is missing"
                case .unreadable(let why): "cannot be read (\(why))"
                case .empty: "is empty"
                case .damaged(let why): "is damaged (\(why))"
                }
            }
        }

        /// `the entity model ner.model is missing: looked for at /…/ner.model`.
        public var description: String { "\(file) \(reason): looked for at \(file.url.path)" }
    }
}

extension Result where Failure == BundledFile.Problem {
    /// Why the file could not be loaded, or nil when it was.
    public var problem: BundledFile.Problem? {
        if case .failure(let problem) = self { return problem }
        return nil
    }
}
