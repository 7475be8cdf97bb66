internal import CNcursesw
import Glibc
import TerminalUI

/// Why the terminal could not be used, in words for the user.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "kabar's reader needs a terminal; for scripts use `kabar list`, `kabar show` or `kabar search`"
        case .unknownTerminal(let name):
            "cannot use terminal type '\(name)': it is not in the terminfo database; set TERM to e.g. xterm-256color"
        }
    }
}

/// The ncursesw backend: copies canvases to the terminal and turns key codes into `KeyPress`es.
/// The only place that talks to ncurses.
@MainActor
public final class CursesScreen: TerminalScreen {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    private var theme: Theme
    private let usesColor: Bool
    /// Colours are sent as 24-bit values, not looked up in a palette.
    public let usesDirectColor: Bool
    private var pairs: [ColorPair: Int16] = [:]
    private var attributes: [Role: (attr_t, Int16)] = [:]
    private var isClosed = false

    struct ColorPair: Hashable {
        var foreground: Int
        var background: Int
    }

    /// Takes over the terminal. With `noColor`, only attributes are used (the `NO_COLOR` convention).
    public init(theme: Theme, environment: [String: String]) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        let termName = environment["TERM"] ?? ""
        guard !termName.isEmpty else { throw TerminalError.unknownTerminal("(unset)") }
        guard let output = fdopen(dup(STDOUT_FILENO), "w"), let input = fdopen(dup(STDIN_FILENO), "r") else {
            throw TerminalError.notATerminal
        }
        // A terminal that says it shows 24-bit colour (COLORTERM) gets the direct-colour variant
        // of its terminfo entry when there is one.
        var screen: OpaquePointer?
        // Before the first screen is made, so that ncurses keeps its own Ctrl-Z handling out.
        cn_catch_stop()
        let wantsColor = environment["NO_COLOR"].map(\.isEmpty) ?? true
        if wantsColor, Self.saysTrueColor(environment) {
            for candidate in Self.directColorNames(for: termName) {
                guard let found = newterm(candidate, output, input) else { continue }
                set_term(found)
                if has_colors() && cn_has_direct_color() != 0 {
                    screen = found
                    break
                }
                delscreen(found)
            }
        }
        if screen == nil { screen = newterm(termName, output, input) }
        guard let screen else {
            cn_default_stop()
            fclose(output)
            fclose(input)
            throw TerminalError.unknownTerminal(termName)
        }
        self.screen = screen
        self.input = input
        self.output = output
        set_term(screen)
        guard let window = cn_stdscr() else { throw TerminalError.notATerminal }
        self.window = window
        self.theme = theme
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        set_escdelay(25)
        if wantsColor && has_colors() {
            start_color()
            use_default_colors()
            usesColor = true
            usesDirectColor = cn_has_direct_color() != 0
        } else {
            usesColor = false
            usesDirectColor = false
        }
        cn_install_signal_handlers()
    }

    /// Reports wheel, click and double-click as `.mouse` keys.
    public func enableMouse() {
        cn_enable_mouse()
    }

    /// Whether the environment says the terminal shows 24-bit colour.
    static func saysTrueColor(_ environment: [String: String]) -> Bool {
        let value = (environment["COLORTERM"] ?? "").lowercased()
        return value == "truecolor" || value == "24bit"
    }

    /// Terminfo entries to try for 24-bit colour: the entry itself, its `-direct` variant, and
    /// xterm's.
    static func directColorNames(for term: String) -> [String] {
        var base = term
        for suffix in ["-256color", "-88color", "-color"] where base.hasSuffix(suffix) {
            base = String(base.dropLast(suffix.count))
        }
        var names = [term, base + "-direct"]
        if base == "screen" { names.append("tmux-direct") }
        names.append("xterm-direct")
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// Gives the terminal back: leaves curses mode. Safe to call more than once.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)
        cn_default_stop()
    }

    /// The signal (SIGINT, SIGTERM, SIGHUP) received since the last call, or nil.
    public func takePendingSignal() -> Int32? {
        let signal = cn_take_pending_signal()
        return signal == 0 ? nil : signal
    }

    public func suspend(_ body: () -> Void) {
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        // Whatever the program left on the terminal is unknown to curses: repaint everything.
        clearok(window, true)
        wrefresh(window)
        // Ctrl-C meant for the program also reached kabar; it was not meant to quit the reader.
        let pending = cn_take_pending_signal()
        if pending != 0 && pending != SIGINT { cn_record_signal(pending) }
    }

    public func writeEscapeSequence(_ sequence: String) {
        fflush(output)
        fputs(sequence, output)
        fflush(output)
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    public func setTheme(_ theme: Theme) {
        self.theme = theme
        attributes.removeAll()
    }

    public func draw(_ canvas: Canvas) {
        let (width, height) = size
        for y in 0..<min(height, canvas.height) {
            for x in 0..<min(width, canvas.width) {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                let (attr, pair) = style(for: cell.role)
                for (offset, group) in DisplayWidth.cells(for: cell.character).enumerated() where x + offset < width {
                    var scalars = group.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
                    scalars.append(0)
                    var character = cchar_t()
                    setcchar(&character, scalars, attr, pair, nil)
                    mvwadd_wch(window, Int32(y), Int32(x + offset), &character)
                }
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// A Ctrl-Z typed at any moment, during a screen update too, stops the reader here: the
    /// shell gets the terminal as it was before kabar, and `fg` brings the screen back, reported as
    /// `.resize` so that the reader redraws for whatever size the terminal has then.
    public func readKey(timeoutMilliseconds: Int) -> KeyPress? {
        if resumedFromStop() { return .resize }
        wtimeout(window, Int32(timeoutMilliseconds))
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        if status == KEY_CODE_YES { return Self.functionKey(Int32(code)) }
        if status == OK { return Self.characterKey(UInt32(code)) }
        return resumedFromStop() ? .resize : nil
    }

    /// Stops the process when a Ctrl-Z came since the last look; true once `fg` has brought the
    /// screen back.
    private func resumedFromStop() -> Bool {
        guard cn_take_stop() != 0 else { return false }
        def_prog_mode()
        endwin()
        cn_stop_now()
        reset_prog_mode()
        clearok(window, true)
        wrefresh(window)
        return true
    }

    static func functionKey(_ code: Int32) -> KeyPress? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_RESIZE: .resize
        case KEY_MOUSE: mouseEvent()
        case KEY_F0 + 1...KEY_F0 + 24: .function(Int(code - KEY_F0))
        default: nil
        }
    }

    static func mouseEvent() -> KeyPress? {
        var x: Int32 = 0
        var y: Int32 = 0
        let kind: MouseEvent.Kind
        switch cn_read_mouse(&x, &y) {
        case 1: kind = .wheelUp
        case 2: kind = .wheelDown
        case 3: kind = .click
        case 4: kind = .doubleClick
        default: return nil
        }
        return .mouse(MouseEvent(kind, x: Int(x), y: Int(y)))
    }

    static func characterKey(_ value: UInt32) -> KeyPress? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    // MARK: - Styles

    private func style(for role: Role) -> (attr_t, Int16) {
        if let cached = attributes[role] { return cached }
        let style = usesColor ? theme.style(for: role) : theme.style(for: role).withoutColor
        var attr = cn_attr_normal()
        if style.bold { attr |= cn_attr_bold() }
        if style.dim { attr |= cn_attr_dim() }
        if style.italic { attr |= cn_attr_italic() }
        if style.underline { attr |= cn_attr_underline() }
        if style.reverse { attr |= cn_attr_reverse() }
        var pair: Int16 = 0
        if usesColor {
            let key = ColorPair(foreground: colorNumber(style.foreground), background: colorNumber(style.background))
            if key != ColorPair(foreground: -1, background: -1) {
                if let existing = pairs[key] {
                    pair = existing
                } else if pairs.count + 1 < min(Int(cn_color_pairs()), Int(Int16.max)) {
                    pair = Int16(pairs.count + 1)
                    init_extended_pair(Int32(pair), Int32(key.foreground), Int32(key.background))
                    pairs[key] = pair
                }
            }
        }
        attributes[role] = (attr, pair)
        return (attr, pair)
    }

    /// The terminal's number for a colour: -1 for the default, the 24-bit value on a direct-colour
    /// terminal, else the nearest it can show.
    private func colorNumber(_ color: TerminalColor) -> Int {
        if usesDirectColor, let (r, g, b) = color.rgb {
            if case .indexed(let index) = color, index < 8 { return index }
            // Values below 8 are the basic colours on such terminals: the nearest true value is 8.
            return max(8, Int(r) << 16 | Int(g) << 8 | Int(b))
        }
        guard let index = color.indexValue else { return -1 }
        let available = Int(cn_colors())
        if index < available { return index }
        return Self.basicColor(forIndex: index) % max(1, min(available, 8))
    }

    /// The nearest of the eight basic colours to an indexed colour.
    static func basicColor(forIndex index: Int) -> Int {
        if index < 16 { return index % 8 }
        if index >= 232 { return index < 244 ? 0 : 7 }
        let cube = index - 16
        let r = cube / 36 >= 3 ? 1 : 0
        let g = (cube / 6) % 6 >= 3 ? 1 : 0
        let b = cube % 6 >= 3 ? 1 : 0
        return r | g << 1 | b << 2
    }
}
