import Foundation
import ReaderApp

/// Exports from the reader, written into one folder, never over an existing file.
public struct ExportFolder: ExportDestination {
    public let url: URL

    public init(url: URL) { self.url = url }

    public func write(named name: String, _ body: ((String) throws -> Void) throws -> Void) throws -> String {
        let path = url.appendingPathComponent(freeName(for: name)).path
        try AtomicFile.write(to: path, body)
        return path
    }

    /// `name`, or `name-2`, `name-3`, … (before the extension) when a file of that name exists.
    func freeName(for name: String) -> String {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        var candidate = name
        var number = 2
        while FileManager.default.fileExists(atPath: url.appendingPathComponent(candidate).path) {
            candidate = "\(base)-\(number)" + (ext.isEmpty ? "" : ".\(ext)")
            number += 1
        }
        return candidate
    }
}
