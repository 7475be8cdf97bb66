import Foundation

/// An exclusive lock between kabar processes on one index (`flock` on a file beside it), so that
/// only one brings it up to date at a time; the others read meanwhile. Released on close, and by
/// the system when a process dies, so a killed kabar never leaves it held.
final class IndexLock {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw IndexLockError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    /// Takes the lock if it is free.
    func tryLock() -> Bool {
        flock(descriptor, LOCK_EX | LOCK_NB) == 0
    }

    /// Takes the lock, waiting for it.
    func lock() {
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
    }
}

struct IndexLockError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
