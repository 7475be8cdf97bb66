import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Config file")
struct ReaderConfigTests {
    @Test("settings and keys are read; every key name help shows reads back as the same key")
    func readsSettingsAndKeys() throws {
        let config = ReaderConfig(
            parsing: """
                # kabar settings
                theme = "light"   # a comment after the value
                mouse = true

                [keys]
                move-down = ["n", "Down", "Ctrl-N"]
                toggle-star = 'S'
                "cycle-theme" = []
                """)
        #expect(config.problems == [])
        #expect(config.theme == "light")
        #expect(config.mouse)
        #expect(config.keys.map(\.action) == [.moveDown, .toggleStar, .cycleTheme])
        #expect(config.keys[0].keys == [.character("n"), .down, .control("n")])
        #expect(config.keys[0].line == 6)
        for binding in Keymap.standard.bindings {
            #expect(KeyPress(name: binding.key.description) == binding.key, "\(binding.key)")
        }
        #expect(KeyPress(name: "F5") == .function(5))
        #expect(KeyPress(name: "pagedown") == .pageDown)
        #expect(KeyPress(name: "Ctrl-1") == nil)
    }

    @Test("each problem names its line, and the good lines still apply")
    func problemsNameTheirLines() {
        let config = ReaderConfig(
            parsing: """
                theme = light
                colour = "red"
                mouse = "yes"
                [keys]
                jump-around = "j"
                move-up = ["k", "Hyper-K"]
                quit = "Ctrl-C"
                move-down = ["j"
                search = "/"
                search = "s"
                [colours]
                """)
        let problems = config.problems.map(\.description)
        #expect(problems.count == 9, "\(problems)")
        #expect(problems[0].hasPrefix("line 1: `theme`: expected a string"))
        #expect(problems[1].hasPrefix("line 2: unknown setting `colour`"))
        #expect(problems[2] == "line 3: `mouse` takes true or false")
        #expect(problems[3].hasPrefix("line 5: unknown action `jump-around`"))
        #expect(problems[4].hasPrefix("line 6: `Hyper-K` is not a key"))
        #expect(problems[5] == "line 7: Ctrl-C always quits and cannot be bound")
        #expect(problems[6].hasPrefix("line 8: `move-down`: the list is not closed"))
        #expect(problems[7] == "line 10: `search` is already set on line 9")
        #expect(problems[8].hasPrefix("line 11: unknown table `[colours]`"))
        // move-up keeps the key that was fine; search its first line's.
        let (keymap, _) = config.keymap()
        #expect(keymap.keys(for: .moveUp) == [.character("k")])
        #expect(keymap.keys(for: .search) == [.character("/")])
        #expect(keymap.keys(for: .quit) == [])
    }

    @Test("a rebound action loses its default keys; a key taken twice or from another action is reported")
    func conflicts() {
        let config = ReaderConfig(
            parsing: """
                [keys]
                toggle-star = ["Z", "x"]
                next-article = "Y"
                previous-article = "Y"
                """)
        let (keymap, problems) = config.keymap()
        #expect(keymap.action(for: .character("s")) == nil)
        #expect(keymap.action(for: .character("Z")) == .toggleStar)
        // x was toggle-read's: it moves, and the move is reported with the line.
        #expect(keymap.action(for: .character("x")) == .toggleStar)
        #expect(keymap.keys(for: .toggleRead) == [])
        #expect(problems.map(\.line) == [2, 4])
        #expect(
            problems[0].message
                == "x was toggle-read's key by default and is now toggle-star's; toggle-read now has no key")
        #expect(problems[1].message.contains("Y is already bound to next-article on line 3"))
        #expect(keymap.action(for: .character("Y")) == .nextArticle)
        #expect(keymap.keys(for: .previousArticle) == [])
        // Keys not mentioned keep their defaults.
        #expect(keymap.action(for: .character("j")) == .moveDown)
    }

    @Test("? shows every action, / narrows it as typed, Esc clears the search and then closes")
    func searchableHelp() {
        var harness = Harness(width: 100, height: 50)
        harness.press(.character("?"))
        var lines = harness.screen.lines
        #expect(lines.contains { $0.contains("x") && $0.contains("toggle-read") && $0.contains("mark the selected") })
        harness.press(.character("/"))
        harness.type("star")
        lines = harness.screen.lines
        #expect(lines.contains { $0.contains("Keys matching “star”: 2") })
        #expect(lines.contains { $0.contains("/ star▏") })
        #expect(lines.contains { $0.contains("s ") && $0.contains("toggle-star") })
        #expect(lines.contains { $0.contains("u ") && $0.contains("undo") && $0.contains("starred marks") })
        #expect(!lines.contains { $0.contains("toggle-read") })
        harness.press(.enter)
        #expect(harness.state.overlay == .help(scroll: 0, filter: "star", isEditing: false))
        harness.press(.escape)
        #expect(harness.state.overlay == .help(scroll: 0, filter: "", isEditing: false))
        #expect(harness.screen.lines.contains { $0.contains("toggle-read") })
        harness.press(.escape)
        #expect(harness.state.overlay == nil)
    }

    @Test("help shows the config file's problems and the keys as rebound; narrow help puts the text below")
    func helpFromConfig() {
        var harness = Harness(width: 50, height: 80)
        let config = ReaderConfig(parsing: "[keys]\ntoggle-star = \"Z\"\nnope = \"q\"\n")
        let (keymap, problems) = config.keymap()
        harness.state.keymap = keymap
        harness.state.configProblems = (config.problems + problems).map(\.description)
        harness.press(.character("?"))
        let lines = harness.screen.lines
        #expect(lines.contains { $0.contains("line 3: unknown action `nope`") })
        let star = lines.firstIndex { $0.contains("Z ") && $0.contains("toggle-star") }
        #expect(star != nil)
        if let star { #expect(lines[star + 1].contains("star or unstar")) }
        harness.press(.escape, .character("Z"))
        #expect(harness.state.marks.starred == ["store/1.txt"])
    }

    @Test("database names the team index to read; anything but a string is a problem on its line")
    func database() {
        let config = ReaderConfig(parsing: "database = \"postgres://ayu@news.example/kabar\"\n")
        #expect(config.database == "postgres://ayu@news.example/kabar")
        #expect(config.problems.isEmpty)
        let wrong = ReaderConfig(parsing: "theme = \"light\"\ndatabase = true\n")
        #expect(wrong.database == nil)
        #expect(wrong.problems.map(\.line) == [2])
        #expect(wrong.problems.first?.message.contains("postgres://") == true)
    }
}
