/// A colour as a theme names it.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 256 indexed colours (0–7 basic, 8–15 bright).
    case indexed(Int)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses a colour name, a number 0–255, `#rrggbb` or `default`.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        if lower == "default" {
            self = .terminalDefault
        } else if let index = Self.names[lower] {
            self = .indexed(index)
        } else if let number = Int(lower), (0...255).contains(number) {
            self = .indexed(number)
        } else if lower.hasPrefix("#"), lower.count == 7, let value = UInt32(lower.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// The colour as 24-bit red, green and blue; indexed colours by xterm's palette.
    public var rgb: (red: UInt8, green: UInt8, blue: UInt8)? {
        switch self {
        case .terminalDefault: return nil
        case .rgb(let r, let g, let b): return (r, g, b)
        case .indexed(let index):
            let basic: [(UInt8, UInt8, UInt8)] = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            if index < 16 { return basic[max(0, index)] }
            if index >= 232 {
                let level = UInt8(8 + (index - 232) * 10)
                return (level, level, level)
            }
            let cube = index - 16
            func level(_ step: Int) -> UInt8 { step == 0 ? 0 : UInt8(55 + step * 40) }
            return (level(cube / 36), level(cube / 6 % 6), level(cube % 6))
        }
    }

    /// The nearest of the 256 indexed colours.
    public var indexValue: Int? {
        switch self {
        case .terminalDefault: return nil
        case .indexed(let index): return index
        case .rgb(let r, let g, let b):
            // The 6×6×6 cube and the grey ramp of xterm's palette.
            func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
            let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
            if r == g && g == b {
                if r < 8 { return 16 }
                if r > 248 { return 231 }
                // The nearer of the grey ramp and the cube's own grey.
                let ramp = 232 + min(23, (Int(r) - 3) / 10)
                let rampLevel = 8 + (ramp - 232) * 10
                let cubeLevel = level(r) == 0 ? 0 : 55 + level(r) * 40
                return abs(cubeLevel - Int(r)) <= abs(rampLevel - Int(r)) ? cube : ramp
            }
            return cube
        }
    }
}

/// How a role looks: colours and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var italic: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
        bold: Bool = false, dim: Bool = false, italic: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()

    /// The same attributes without colours, for `NO_COLOR` and monochrome terminals.
    public var withoutColor: Style {
        var style = self
        style.foreground = .terminalDefault
        style.background = .terminalDefault
        return style
    }
}
