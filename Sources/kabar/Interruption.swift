import Dispatch
import Foundation
import Synchronization

/// Ctrl-C asked to stop: long commands check between steps and stop cleanly, their output files
/// not left half written. (The signal source is only kept alive, never touched after `init`.)
final class Interruption: @unchecked Sendable {
    private let flag = Mutex(false)
    private let source: any DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.flag.withLock { $0 = true } }
        source.resume()
    }

    var isRequested: Bool { flag.withLock { $0 } }
}
