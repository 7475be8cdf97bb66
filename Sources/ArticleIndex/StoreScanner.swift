import Foundation

/// One article file found in a store, with what tells whether it changed.
public struct StoreFile: Hashable, Sendable {
    /// The path relative to the store's root, with `/` separators.
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modificationNanos: Int64

    public init(path: String, size: Int64, modificationNanos: Int64) {
        self.path = path
        self.size = size
        self.modificationNanos = modificationNanos
    }
}

/// A file the scanner or the importer could not use, with the reason in words.
public struct SkippedFile: Hashable, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Errors about the store itself, written for the user.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case notADirectory(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .notFound(let path): "store not found: \(path) does not exist"
        case .notADirectory(let path): "not a store: \(path) is a file; give the folder that holds the articles"
        case .unreadable(let path, let reason): "cannot read store \(path): \(reason)"
        }
    }
}

/// Lists a store's `.txt` files, recursively, reading nothing but directory entries and sizes.
public struct StoreScanner: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Checks that the store is a readable folder.
    public func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw StoreError.notFound(root.path)
        }
        guard isDirectory.boolValue else { throw StoreError.notADirectory(root.path) }
        guard FileManager.default.isReadableFile(atPath: root.path) else {
            throw StoreError.unreadable(root.path, "permission denied")
        }
    }

    /// Every `.txt` file under the root, sorted by path, and the folders that could not be read.
    public func scan() throws -> (files: [StoreFile], skipped: [SkippedFile]) {
        let found = try scanFolders(known: [:], full: true)
        return (found.listed.values.flatMap { $0 }.sorted { $0.path < $1.path }, found.skipped)
    }

    /// What a folder-by-folder scan found: every folder with its modification time, and the
    /// files of those folders whose modification time differs from the one given (all when `full`).
    public struct FolderScan: Sendable {
        /// Store-relative folder path (`""` for the root) → modification time in nanoseconds.
        public var folders: [String: Int64] = [:]
        /// Folders that were listed, with the `.txt` files directly in them.
        public var listed: [String: [StoreFile]] = [:]
        public var skipped: [SkippedFile] = []
    }

    /// Walks the store's folders, listing only those whose modification time is not `known`:
    /// a folder's time changes when files are added, removed or renamed in it, so an unchanged
    /// folder's files and subfolders are taken to be those known. With `full`, lists every folder.
    public func scanFolders(known: [String: Int64], full: Bool = false) throws -> FolderScan {
        try validate()
        var children: [String: [String]] = [:]
        for path in known.keys where !path.isEmpty {
            let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
            children[parent, default: []].append(path)
        }
        var scan = FolderScan()
        var stack = [""]
        while let relativeDirectory = stack.popLast() {
            let directory = relativeDirectory.isEmpty ? root.path : root.path + "/" + relativeDirectory
            var info = stat()
            guard stat(directory, &info) == 0 else {
                if !relativeDirectory.isEmpty {
                    scan.skipped.append(SkippedFile(path: relativeDirectory, reason: "folder cannot be read"))
                }
                continue
            }
            let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            scan.folders[relativeDirectory] = mtime
            if !full, known[relativeDirectory] == mtime {
                stack += children[relativeDirectory] ?? []
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                scan.skipped.append(SkippedFile(path: relativeDirectory, reason: "folder cannot be read"))
                scan.folders[relativeDirectory] = nil
                continue
            }
            var files: [StoreFile] = []
            for name in names {
                let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
                var entry = stat()
                guard lstat(directory + "/" + name, &entry) == 0 else { continue }
                let type = entry.st_mode & S_IFMT
                if type == S_IFDIR {
                    stack.append(relative)
                } else if type == S_IFREG, name.lowercased().hasSuffix(".txt") {
                    let nanos = Int64(entry.st_mtim.tv_sec) * 1_000_000_000 + Int64(entry.st_mtim.tv_nsec)
                    files.append(StoreFile(path: relative, size: Int64(entry.st_size), modificationNanos: nanos))
                }
            }
            scan.listed[relativeDirectory] = files.sorted { $0.path < $1.path }
        }
        return scan
    }

    /// The absolute location of a file given by its store-relative path.
    public func url(of path: String) -> URL {
        root.appendingPathComponent(path)
    }
}
