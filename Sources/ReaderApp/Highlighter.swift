import Entities
import TerminalUI

/// Turns text plus entity spans and search matches into styled runs.
public enum Highlighter {
    /// Styles `text`, which starts at byte `baseOffset` of the string the ranges refer to.
    /// The `focus` range (the current entity mention) wins over search matches, and search matches
    /// over entities, where they cover the same character.
    /// Characters inside `quotes` (direct quotes' byte ranges) take the quote role where nothing
    /// else styles them. Passages the user `marked` with a note win over entities and quotes.
    public static func styled(
        _ text: Substring, baseOffset: Int, entities: [EntitySpan], matches: [Range<Int>], role: Role = .text,
        focus: Range<Int>? = nil, quotes: [Range<Int>] = [], marked: [Range<Int>] = []
    ) -> StyledLine {
        var line = StyledLine()
        let end = baseOffset + text.utf8.count
        let entities = entities.filter { $0.end > baseOffset && $0.start < end }
        let matches = matches.filter { $0.upperBound > baseOffset && $0.lowerBound < end }
        let focus = focus.flatMap { $0.upperBound > baseOffset && $0.lowerBound < end ? $0 : nil }
        let quotes = quotes.filter { $0.upperBound > baseOffset && $0.lowerBound < end }
        let marked = marked.filter { $0.upperBound > baseOffset && $0.lowerBound < end }
        if entities.isEmpty && matches.isEmpty && focus == nil && quotes.isEmpty && marked.isEmpty {
            line.append(String(text), role: role)
            return line
        }
        // One pass with cursors over the ranges in order: a paragraph can be megabytes long with
        // thousands of matches.
        let sortedMatches = matches.sorted { $0.lowerBound < $1.lowerBound }
        let sortedEntities = entities.sorted { $0.start < $1.start }
        var nextMatch = 0
        var matchedUpTo = Int.min
        var nextEntity = 0
        var offset = baseOffset
        var pending = ""
        var pendingRole = role
        for character in text {
            while nextMatch < sortedMatches.count && sortedMatches[nextMatch].lowerBound <= offset {
                matchedUpTo = max(matchedUpTo, sortedMatches[nextMatch].upperBound)
                nextMatch += 1
            }
            while nextEntity < sortedEntities.count && sortedEntities[nextEntity].end <= offset { nextEntity += 1 }
            let characterRole: Role
            if focus?.contains(offset) == true {
                characterRole = .listSelected
            } else if offset < matchedUpTo {
                characterRole = .searchHit
            } else if marked.contains(where: { $0.contains(offset) }) {
                characterRole = .highlight
            } else if nextEntity < sortedEntities.count && sortedEntities[nextEntity].start <= offset {
                characterRole = Self.role(for: sortedEntities[nextEntity].kind)
            } else if quotes.contains(where: { $0.contains(offset) }) {
                characterRole = .quote
            } else {
                characterRole = role
            }
            if characterRole != pendingRole && !pending.isEmpty {
                line.append(pending, role: pendingRole)
                pending = ""
            }
            pendingRole = characterRole
            pending.append(character)
            offset += character.utf8.count
        }
        line.append(pending, role: pendingRole)
        return line
    }

    /// The theme role for an entity kind.
    public static func role(for kind: EntityKind) -> Role {
        switch kind {
        case .person: .entityPerson
        case .organization: .entityOrganization
        case .place: .entityPlace
        }
    }
}
