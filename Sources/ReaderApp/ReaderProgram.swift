import Dispatch
import Foundation
import Synchronization
import TerminalUI

/// The reader's run loop: keys in, state updated, effects carried out, canvas drawn.
@MainActor
public final class ReaderProgram {
    public private(set) var state: AppState
    let screen: any TerminalScreen
    var runner: EffectRunner
    let runsEffectsInBackground: Bool
    let mailbox = Mailbox()
    /// Messages from work that runs beside the reader (the index update), posted from any thread.
    public nonisolated let events = Mailbox()
    let queue = DispatchQueue(label: "kabar.effects")
    var pendingEffects = 0
    /// The export running beside the reader, and whether it was asked to stop.
    var exportStop: (request: Int, flag: StopFlag)?
    var needsDraw = true
    /// Called when the state asks for another theme (by name), before the next draw.
    public var themeChanged: (String) -> Void = { _ in }
    /// Runs a command that needs the terminal (`.pipe`, `.openPager`) while the screen is
    /// suspended, and says how it went.
    public var runInTerminal: (Effect) -> Message = { _ in .failed("Running commands is not available here.") }

    /// With `runsEffectsInBackground` false, effects run at once on the loop (for tests).
    public init(state: AppState, runner: EffectRunner, screen: any TerminalScreen, runsEffectsInBackground: Bool = true)
    {
        self.state = state
        self.runner = runner
        self.screen = screen
        self.runsEffectsInBackground = runsEffectsInBackground
    }

    /// Runs until the user quits or `shouldStop` says so; returns the final state.
    @discardableResult
    public func run(shouldStop: () -> Bool = { false }) -> AppState {
        let size = screen.size
        state.width = size.width
        state.height = size.height
        perform(state.start())
        while !state.isFinished {
            for message in mailbox.takeAll() {
                pendingEffects -= 1
                apply(message)
            }
            for message in events.takeAll() { apply(message) }
            if needsDraw {
                screen.draw(ReaderView.render(state))
                needsDraw = false
            }
            if shouldStop() { break }
            let timeout = pendingEffects > 0 ? 5 : state.indexing != nil ? 50 : 100
            guard let key = screen.readKey(timeoutMilliseconds: timeout) else { continue }
            if key == .resize {
                let size = screen.size
                apply(.resize(width: size.width, height: size.height))
            } else {
                apply(.key(key))
            }
        }
        // Reads still running on the effect queue finish before the process ends, so none is cut
        // off by the exit.
        queue.sync {}
        return state
    }

    func apply(_ message: Message) {
        if case .libraryReplaced(let handle) = message {
            runner = runner.reading(handle.library)
        }
        let theme = state.themeName
        perform(state.update(message))
        if state.themeName != theme { themeChanged(state.themeName) }
        needsDraw = true
    }

    func perform(_ effects: [Effect]) {
        for effect in effects {
            if effect.needsTerminal {
                if case .copyToClipboard(let text) = effect {
                    screen.writeEscapeSequence(Clipboard.osc52(text))
                } else {
                    var message = Message.failed("The command did not run.")
                    screen.suspend { message = runInTerminal(effect) }
                    apply(message)
                }
                continue
            }
            if case .export(let request) = effect {
                export(request)
                continue
            }
            if case .cancelExport(let request) = effect, let stop = exportStop, stop.request == request {
                stop.flag.stop()
                continue
            }
            if runsEffectsInBackground {
                pendingEffects += 1
                let runner = self.runner
                let mailbox = self.mailbox
                queue.async { mailbox.post(runner.perform(effect)) }
            } else {
                apply(runner.perform(effect))
            }
        }
    }
}

extension ReaderProgram {
    /// Runs an export on a thread of its own, so the reader goes on meanwhile; its progress (at
    /// most ten times a second) and its end come back as messages.
    func export(_ request: ExportRequest) {
        let flag = StopFlag()
        exportStop = (request.request, flag)
        let runner = self.runner
        guard runsEffectsInBackground else {
            apply(runner.export(request, isCancelled: { flag.isStopped }))
            return
        }
        let events = self.events
        Thread.detachNewThread {
            var last: UInt64 = 0
            let message = runner.export(
                request,
                progress: { progress in
                    let now = DispatchTime.now().uptimeNanoseconds
                    guard now - last >= 100_000_000 else { return }
                    last = now
                    events.post(.exportProgress(progress))
                }, isCancelled: { flag.isStopped })
            events.post(message)
        }
    }
}

/// A request to stop, set from the run loop and read by the thread doing the work.
final class StopFlag: Sendable {
    private let stopped = Mutex(false)
    func stop() { stopped.withLock { $0 = true } }
    var isStopped: Bool { stopped.withLock { $0 } }
}

/// Messages handed from other threads to the run loop.
public final class Mailbox: Sendable {
    private let messages = Mutex<[Message]>([])

    public func post(_ message: Message) {
        messages.withLock { $0.append(message) }
    }

    func takeAll() -> [Message] {
        messages.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}
