import Foundation
import GRDB

/// Why the index cannot be kept or written where it is, in words for the user.
///
/// Failures of the disk under the index rather than of the store: the store can still be read,
/// with an index in memory (see `ArticleIndex.openKeepingStore` and `updateKeepingStore`).
public enum IndexStorageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The disk under the index has no room left.
    case diskFull(String)
    /// The index's folder or file cannot be written: read-only, not permitted, not a folder.
    case notWritable(String)
    /// Reading or writing the index file failed in the system.
    case inputOutput(String)
    /// The file is not a sound index.
    case damaged(String)

    /// The reason, as the system or SQLite gives it.
    public var message: String {
        switch self {
        case .diskFull(let message), .notWritable(let message), .inputOutput(let message), .damaged(let message):
            message
        }
    }

    public var description: String { message }

    /// Whether an index in memory can stand in for the file: the disk failed, not the index.
    public var allowsIndexInMemory: Bool {
        if case .damaged = self { return false }
        return true
    }

    /// The storage failure a database error means; nil for errors of another kind.
    init?(_ error: DatabaseError) {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_FULL: self = .diskFull(message)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: self = .notWritable(message)
        case .SQLITE_IOERR: self = .inputOutput(message)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT: self = .damaged(message)
        default: return nil
        }
    }

    /// Any error of opening an index file, as a storage failure: a file system error with the
    /// system's reason and the path, a database error as SQLite words it.
    init(opening error: Error) {
        if let storage = error as? IndexStorageError {
            self = storage
        } else if let database = error as? DatabaseError {
            self = IndexStorageError(database) ?? .inputOutput(database.message ?? "\(database)")
        } else if let cocoa = error as? CocoaError, let underlying = cocoa.underlying as NSError?,
            underlying.domain == NSPOSIXErrorDomain
        {
            let reason = (cocoa.filePath.map { "\($0): " } ?? "") + String(cString: strerror(Int32(underlying.code)))
            self = underlying.code == Int(ENOSPC) ? .diskFull(reason) : .notWritable(reason)
        } else {
            self = .notWritable(error is CocoaError ? error.localizedDescription : "\(error)")
        }
    }
}
