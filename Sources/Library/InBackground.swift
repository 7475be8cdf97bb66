import Foundation

/// Work done on another thread while the caller goes on; `wait()` gives its result once done
/// (as often as asked).
public final class InBackground<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: T?

    public init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    public func wait() -> T {
        done.wait()
        done.signal()
        return result!
    }
}
