import Foundation
import Glibc

/// Tells which of a store's folders changed, through inotify: files added, removed, renamed or
/// written there. Folders are watched as they appear; links are not followed.
final class StoreWatcher {
    private let descriptor: Int32
    private let root: String
    /// Watch descriptor → the folder's store-relative path (`""` for the root).
    private var folders: [Int32: String] = [:]
    /// False when some folder could not be watched (the system's limit of watches, or a folder
    /// that cannot be read): changes there are only seen by a re-scan.
    private(set) var watchesEveryFolder = true

    /// The most folders watched; a larger store is re-scanned on a timer instead.
    static let maximumFolders = 50_000

    static let events = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF)

    /// Starts watching every folder under `root`; nil when inotify is not available.
    init?(root: URL) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.root = root.path
        watch("")
    }

    deinit { close(descriptor) }

    /// Waits up to `timeoutMilliseconds` for a change, then gathers changes until none came for
    /// `quietMilliseconds` (at most `maximumMilliseconds` in all), so a burst of writes is one
    /// answer. Returns the store-relative folders that changed, empty when nothing did.
    func changedFolders(timeoutMilliseconds: Int32, quietMilliseconds: Int32 = 300, maximumMilliseconds: Int = 3000)
        -> Set<String>
    {
        var changed = Set<String>()
        guard wait(timeoutMilliseconds) else { return changed }
        let start = DispatchTime.now().uptimeNanoseconds
        repeat {
            readEvents(into: &changed)
        } while DispatchTime.now().uptimeNanoseconds - start < UInt64(maximumMilliseconds) * 1_000_000
            && wait(quietMilliseconds)
        return changed
    }

    private func wait(_ milliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&request, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    private func readEvents(into changed: inout Set<String>) {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                var name = ""
                if event.len > 0 {
                    let pointer = (buffer + nameStart).assumingMemoryBound(to: CChar.self)
                    name = String(
                        decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
                }
                offset = nameStart + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost: every watched folder may have changed.
                    changed.formUnion(folders.values)
                    continue
                }
                guard let folder = folders[event.wd] else { continue }
                if event.mask & UInt32(IN_IGNORED) != 0 {
                    folders[event.wd] = nil
                    continue
                }
                changed.insert(folder)
                let isFolder = event.mask & UInt32(IN_ISDIR) != 0
                if isFolder, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !name.isEmpty {
                    watch(folder.isEmpty ? name : folder + "/" + name)
                }
            }
        }
    }

    /// Watches a folder and every folder under it.
    private func watch(_ relative: String) {
        var stack = [relative]
        while let folder = stack.popLast() {
            guard folders.count < Self.maximumFolders else {
                watchesEveryFolder = false
                return
            }
            let path = folder.isEmpty ? root : root + "/" + folder
            let flags =
                folder.isEmpty ? Self.events | UInt32(IN_ONLYDIR) : Self.events | UInt32(IN_ONLYDIR | IN_DONT_FOLLOW)
            let watch = inotify_add_watch(descriptor, path, flags)
            guard watch >= 0 else {
                watchesEveryFolder = false
                continue
            }
            folders[watch] = folder
            guard let handle = opendir(path) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                guard entry.pointee.d_type == UInt8(DT_DIR) else { continue }
                // Read in place: a record can be shorter than `d_name`'s declared 256 bytes.
                let pointer = UnsafeRawPointer(entry).advanced(
                    by: MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
                )
                .assumingMemoryBound(to: CChar.self)
                let name = String(
                    decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
                if name == "." || name == ".." { continue }
                stack.append(folder.isEmpty ? name : folder + "/" + name)
            }
        }
    }
}
