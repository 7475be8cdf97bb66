import Foundation
import Library

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

    /// The root's path, for making files' paths without URL work (`path(of:)`).
    let rootPath: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        rootPath = self.root.path
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
        var listed: [String: [StoreFile]] = [:]
        var scan = try scanFolders(known: known, full: full) { listed[$0] = $1 }
        scan.listed = listed
        return scan
    }

    /// The same walk, handing each listed folder's files to `each` as it is listed instead of
    /// keeping them (`listed` stays empty), so that a store of a million files is never held whole.
    public func scanFolders(
        known: [String: Int64], full: Bool = false, each: (_ folder: String, _ files: [StoreFile]) throws -> Void
    ) throws -> FolderScan {
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
            guard let handle = opendir(directory) else {
                scan.skipped.append(
                    SkippedFile(
                        path: relativeDirectory, reason: "folder cannot be read (\(String(cString: strerror(errno))))"))
                scan.folders[relativeDirectory] = nil
                continue
            }
            defer { closedir(handle) }
            var files: [StoreFile] = []
            while let entry = readdir(handle) {
                // Names are bytes: read them as such, so a name that is not UTF-8 is reported, not lost.
                // In place: a record can be shorter than `d_name`'s declared 256 bytes.
                let namePointer = UnsafeRawPointer(entry).advanced(
                    by: MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
                )
                .assumingMemoryBound(to: CChar.self)
                let bytes = Array(UnsafeRawBufferPointer(start: namePointer, count: strlen(namePointer)))
                if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
                let isTextName =
                    bytes.count >= 4 && String(decoding: bytes.suffix(4), as: UTF8.self).lowercased() == ".txt"
                guard let name = String(validating: bytes, as: UTF8.self) else {
                    if isTextName || entry.pointee.d_type == UInt8(DT_DIR) {
                        let shown = String(decoding: bytes, as: UTF8.self)
                        scan.skipped.append(
                            SkippedFile(
                                path: relativeDirectory.isEmpty ? shown : relativeDirectory + "/" + shown,
                                reason: "its name is not UTF-8 text; rename it to have it indexed"))
                    }
                    continue
                }
                let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
                let path = directory + "/" + name
                var info = stat()
                // Gone since the folder was listed: nothing to index. Looked up in the open folder,
                // not along the whole path again.
                guard fstatat(dirfd(handle), namePointer, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                let type = info.st_mode & S_IFMT
                if type == S_IFDIR {
                    stack.append(relative)
                } else if type == S_IFREG, isTextName {
                    let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                    files.append(StoreFile(path: relative, size: Int64(info.st_size), modificationNanos: nanos))
                } else if type == S_IFLNK {
                    // Links are not followed: no loops, nothing outside the store, nothing twice.
                    var target = stat()
                    let followed = stat(path, &target)
                    let isLoop = followed != 0 && errno == ELOOP
                    let pointsToFolder = followed == 0 && target.st_mode & S_IFMT == S_IFDIR
                    if isTextName || pointsToFolder || isLoop {
                        scan.skipped.append(
                            SkippedFile(path: relative, reason: "symbolic link; kabar does not follow links"))
                    }
                }
            }
            try each(relativeDirectory, files.sorted { $0.path < $1.path })
        }
        return scan
    }

    /// Whether a listed file still has the size and modification time it was listed with.
    public func isUnchanged(_ file: StoreFile) -> Bool {
        var info = stat()
        guard lstat(path(of: file.path), &info) == 0 else { return false }
        let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return Int64(info.st_size) == file.size && nanos == file.modificationNanos
    }

    /// The absolute location of a file given by its store-relative path.
    public func url(of path: String) -> URL {
        root.appendingPathComponent(path)
    }

    /// The absolute path of a file given by its store-relative path: `url(of:)`'s path, made
    /// without Foundation's URL (which costs more than reading a small file).
    public func path(of path: String) -> String {
        rootPath.hasSuffix("/") ? rootPath + path : rootPath + "/" + path
    }
}
