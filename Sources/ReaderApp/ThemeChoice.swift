/// Which theme the reader starts with: `NO_COLOR`, then `--theme`, then the config file, then the
/// theme last chosen with `t`, then `default`.
///
/// What is written down (an option, the config file) wins over what was remembered, so a theme
/// named on purpose is never overridden by an earlier `t`.
public struct ThemeChoice: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        case noColor, option, config, remembered, standard
    }

    public var name: String
    public var source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    public init(option: String?, config: String?, remembered: String?, noColor: Bool, bundled: [String]) {
        if noColor {
            (name, source) = ("monochrome", .noColor)
        } else if let option {
            (name, source) = (option, .option)
        } else if let config {
            (name, source) = (config, .config)
        } else if let remembered, bundled.contains(remembered) {
            // Only bundled themes are remembered (`t` cycles through them); anything else in the
            // state file is ignored.
            (name, source) = (remembered, .remembered)
        } else {
            (name, source) = ("default", .standard)
        }
    }
}
