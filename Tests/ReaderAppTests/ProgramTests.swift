import Foundation
import TerminalUI
import Testing

@testable import ReaderApp

/// A screen in memory that plays a script of keys and keeps every frame drawn.
@MainActor
final class ScriptedScreen: TerminalScreen {
    var size: (width: Int, height: Int)
    var script: [KeyPress]
    var frames: [Canvas] = []

    init(width: Int, height: Int, script: [KeyPress]) {
        size = (width, height)
        self.script = script
    }

    /// Escape sequences sent, and how many times the terminal was handed to another program.
    var sequences: [String] = []
    var suspensions = 0

    func draw(_ canvas: Canvas) { frames.append(canvas) }

    func suspend(_ body: () -> Void) {
        suspensions += 1
        body()
    }

    func writeEscapeSequence(_ sequence: String) { sequences.append(sequence) }

    func readKey(timeoutMilliseconds: Int) -> KeyPress? {
        if script.isEmpty {
            usleep(UInt32(min(timeoutMilliseconds, 5)) * 1000)
            return nil
        }
        return script.removeFirst()
    }
}

@Suite("The whole reader over an in-memory screen")
@MainActor
struct ProgramTests {
    func run(_ screen: ScriptedScreen, background: Bool = false) -> AppState {
        let state = AppState(storeName: "test store", isSampleStore: false, width: 1, height: 1)
        let program = ReaderProgram(
            state: state, runner: EffectRunner(library: FakeLibrary.standard), screen: screen,
            runsEffectsInBackground: background)
        return program.run(shouldStop: { screen.script.isEmpty && !background })
    }

    @Test("open, read, go back and quit: every frame drawn at the screen's size")
    func openAndQuit() {
        let screen = ScriptedScreen(
            width: 72, height: 14, script: [.down, .enter, .character("q"), .character("q"), .character("y")])
        let final = run(screen)
        #expect(final.isFinished)
        #expect(screen.frames.allSatisfy { $0.width == 72 && $0.height == 14 })
        let articleFrame = screen.frames.first {
            $0.lines[0].contains("2 Article") && $0.lines[1].contains("Putin Teken")
        }
        #expect(articleFrame != nil)
        #expect(screen.frames.last?.lines[2].contains("Rusia Menantang Barat") == true)
    }

    @Test("a resize key redraws at the new size")
    func resize() {
        let screen = ScriptedScreen(width: 80, height: 20, script: [.character("j")])
        screen.script.append(.resize)
        let state = AppState(storeName: "s", isSampleStore: false, width: 1, height: 1)
        let program = ReaderProgram(
            state: state, runner: EffectRunner(library: FakeLibrary.standard), screen: screen,
            runsEffectsInBackground: false)
        var resized = false
        program.run(shouldStop: {
            if screen.script.count == 1 && !resized {
                screen.size = (50, 10)
                resized = true
            }
            return screen.script.isEmpty && resized && screen.frames.last?.width == 50
        })
        #expect(screen.frames.last?.width == 50)
        #expect(screen.frames.last?.height == 10)
        #expect(program.state.width == 50)
    }

    @Test("searching in the background delivers results to the loop")
    func backgroundSearch() async throws {
        let screen = ScriptedScreen(width: 80, height: 20, script: [.character("/")] + "Kirby".map { .character($0) })
        let state = AppState(storeName: "s", isSampleStore: false, width: 1, height: 1)
        let program = ReaderProgram(
            state: state, runner: EffectRunner(library: FakeLibrary.standard), screen: screen,
            runsEffectsInBackground: true)
        var polls = 0
        program.run(shouldStop: {
            polls += 1
            // Answers to the earlier prefixes (K, Ki, …) may come first: wait for the last query's.
            return (screen.script.isEmpty && program.state.search.resultsQuery?.text == "Kirby") || polls > 20_000
        })
        #expect(program.state.search.results?.totalCount == 1)
        #expect(program.state.search.resultsQuery?.text == "Kirby")
    }
}
