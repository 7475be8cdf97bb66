import Library
import TerminalUI

/// One row of the outlet picker: every outlet, one outlet, or the articles whose outlet is unknown.
public struct OutletChoice: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case all
        case outlet(String)
        case unknown
    }

    public var kind: Kind
    public var count: Int

    /// The row's words.
    public var label: String {
        switch kind {
        case .all: "All outlets"
        case .outlet(let name): name
        case .unknown: "unknown outlet"
        }
    }

    /// The filter picking this row makes of `filter`.
    func applied(to filter: ArticleFilter) -> ArticleFilter {
        var result = filter
        result.outlet = nil
        result.withoutOutlet = false
        switch kind {
        case .all: break
        case .outlet(let name): result.outlet = name
        case .unknown: result.withoutOutlet = true
        }
        return result
    }
}

extension AppState {
    /// The picker's rows whose words contain `text` (case ignored); every row when it is empty.
    public func outletChoices(matching text: String = "") -> [OutletChoice] {
        var choices = [
            OutletChoice(kind: .all, count: totalArticles ?? outlets.reduce(0) { $0 + $1.count })
        ]
        choices += outlets.map { OutletChoice(kind: $0.outlet.map { .outlet($0) } ?? .unknown, count: $0.count) }
        let needle = text.lowercased()
        guard !needle.isEmpty else { return choices }
        return choices.filter { $0.kind != .all && $0.label.lowercased().contains(needle) }
    }

    /// The picker's row of the filter in use.
    var currentOutletChoice: Int {
        let choices = outletChoices()
        if filter.withoutOutlet { return choices.firstIndex { $0.kind == .unknown } ?? 0 }
        guard let outlet = filter.outlet else { return 0 }
        return choices.firstIndex { $0.kind == .outlet(outlet) } ?? 0
    }

    /// Keys in the outlet picker: `/` types a filter for the outlets (as in help), movement keys
    /// choose, Enter applies, Esc clears the typed filter and then closes.
    mutating func handleOutletPicker(
        _ key: KeyPress, selection: Int, typed: String, isEditing: Bool
    ) -> [Effect] {
        let choices = outletChoices(matching: typed)
        if isEditing {
            if let edited = LineInput(text: typed).edited(with: key)?.text {
                overlay = .outletPicker(selection: 0, filter: edited, isEditing: true)
                return []
            }
            switch key {
            case .escape:
                overlay = .outletPicker(selection: 0, filter: "", isEditing: false)
                return []
            case .tab:
                overlay = .outletPicker(selection: selection, filter: typed, isEditing: false)
                return []
            case .up, .down, .pageUp, .pageDown, .enter:
                break
            default:
                return []
            }
        }
        let action = keymap.action(for: key)
        if let next = Self.moved(selection, by: action, count: choices.count) {
            overlay = .outletPicker(selection: next, filter: typed, isEditing: isEditing)
            return []
        }
        switch action {
        case .open:
            guard choices.indices.contains(selection) else { return [] }
            overlay = nil
            return apply(choices[selection].applied(to: filter))
        case .search:
            overlay = .outletPicker(selection: 0, filter: typed, isEditing: true)
        case .back where !typed.isEmpty:
            overlay = .outletPicker(selection: 0, filter: "", isEditing: false)
        case .back, .filterOutlet:
            overlay = nil
        default:
            break
        }
        return []
    }
}
