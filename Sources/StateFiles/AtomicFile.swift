import Foundation

/// A file written whole or not at all: the text goes to a temporary file beside it, which is
/// renamed over the file once everything is written. An error on the way, or a stop asked for,
/// removes the temporary file and leaves whatever was at the path as it was.
public enum AtomicFile {
    /// A file that could not be written, with the reason.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot be written (\(reason))" }
    }

    /// Writes the file at `path` with what `body` hands to the writing function it is given.
    /// Errors `body` throws are thrown again as they are.
    public static func write(to path: String, _ body: ((String) throws -> Void) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw WriteError(path: path, reason: "it is a folder")
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw WriteError(path: path, reason: "the folder \(folder.path) cannot be written to, or does not exist")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try body { try handle.write(contentsOf: Data($0.utf8)) }
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, target.path) == 0 else {
                throw WriteError(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
