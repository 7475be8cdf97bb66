import Foundation

/// A store folder made for one test and removed afterwards.
public final class TemporaryFolder {
    public let url: URL

    public init(prefix: String = "kabar-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Tests may make files read-only; give permissions back before removing.
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let path as String in enumerator {
                chmod(url.appendingPathComponent(path).path, 0o755)
            }
        }
        chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes a file at a path relative to the folder, making folders on the way.
    @discardableResult
    public func write(_ relativePath: String, _ contents: String) throws -> URL {
        try write(relativePath, Data(contents.utf8))
    }

    @discardableResult
    public func write(_ relativePath: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    /// Copies every file of `source` into a subfolder (or the root when `subfolder` is empty).
    public func copyContents(of source: URL, into subfolder: String = "") throws {
        let target = subfolder.isEmpty ? url : url.appendingPathComponent(subfolder)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
    }

    /// Every file's bytes and modification time, by relative path: what "untouched" means.
    public func fingerprint() throws -> [String: FileFingerprint] {
        var result: [String: FileFingerprint] = [:]
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        while let path = enumerator?.nextObject() as? String {
            let full = url.appendingPathComponent(path)
            var info = stat()
            guard lstat(full.path, &info) == 0 else { continue }
            let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            let data = (info.st_mode & S_IFMT) == S_IFREG ? try Data(contentsOf: full) : Data()
            result[path] = FileFingerprint(data: data, modificationNanos: nanos, mode: UInt32(info.st_mode))
        }
        return result
    }
}

/// The parts of a file that reading must never change.
public struct FileFingerprint: Hashable, Sendable {
    public var data: Data
    public var modificationNanos: Int64
    public var mode: UInt32
}
