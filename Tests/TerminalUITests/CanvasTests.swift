import KabarTestSupport
import Testing

@testable import TerminalUI

@Suite("Canvas")
struct CanvasTests {
    @Test("text cut at the right edge or at maxX ends with …")
    func clipsAtRightEdge() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.write("Hello, world", x: 2, y: 0)
        #expect(canvas.plainText == "  He…")
        canvas = Canvas(width: 10, height: 1)
        let end = canvas.write("Hello, world", x: 1, y: 0, role: .error, maxX: 7)
        #expect(end == 7)
        #expect(canvas.plainText == " Hello…")
        #expect(canvas[6, 0].role == .error)
        // Text that fits is written as it is.
        canvas = Canvas(width: 5, height: 1)
        canvas.write("Hello", x: 0, y: 0)
        #expect(canvas.plainText == "Hello")
    }

    @Test("a styled line cut at maxX ends with … in the role of the run it cut")
    func styledLineCut() {
        var canvas = Canvas(width: 12, height: 1)
        let line = StyledLine([StyledRun("ab ", role: .dim), StyledRun("korea", role: .searchHit), StyledRun(" utara")])
        canvas.write(line, x: 1, y: 0, maxX: 8)
        #expect(canvas.plainText == " ab kor…")
        #expect(canvas.roleLines(legend: [.text: ".", .dim: "d", .searchHit: "h"]) == [".dddhhhh...."])
        #expect(line.truncated(toWidth: 20) == line)
        #expect(line.truncated(toWidth: 3).text == "ab…")
    }

    @Test("a wide character takes two cells, the second a continuation")
    func wideCharacterTakesTwoCells() {
        var canvas = Canvas(width: 6, height: 1)
        let end = canvas.write("日本x", x: 0, y: 0, role: .title)
        #expect(end == 5)
        #expect(canvas[1, 0].isContinuation)
        #expect(!canvas[2, 0].isContinuation)
        #expect(canvas[4, 0].character == "x")
        #expect(canvas.plainText == "日本x")
    }

    @Test("a wide character that would cross the edge is left out, not split")
    func wideCharacterAtEdgeIsNotSplit() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.write("a日本", x: 0, y: 0)
        #expect(canvas.plainText == "a日…")
        canvas = Canvas(width: 3, height: 1)
        canvas.write("a日本", x: 0, y: 0)
        #expect(canvas.plainText == "a…")
        #expect(canvas.cells.filter(\.isContinuation).isEmpty)
    }

    @Test("drawing over half of a wide character blanks the other half")
    func overwritingHalfOfWideCharacter() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.write("日本語", x: 0, y: 0)
        canvas.write("|", x: 1, y: 0)
        #expect(canvas.plainText == " |本語")
        canvas.write("[", x: 2, y: 0)
        #expect(canvas.plainText == " |[ 語")
        #expect(canvas.cells.filter(\.isContinuation).count == 1)
    }

    @Test("writes outside the canvas are ignored")
    func writesOutsideAreIgnored() {
        var canvas = Canvas(width: 3, height: 2)
        canvas.write("abc", x: 0, y: 5)
        canvas.write("abc", x: 0, y: -1)
        #expect(canvas.plainText == "\n")
    }

    @Test("roles are recorded per cell")
    func rolesPerCell() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.write(StyledLine([StyledRun("ab", role: .searchHit), StyledRun("c")]), x: 0, y: 0)
        #expect(canvas.roleLines(legend: [.text: ".", .searchHit: "h"]) == ["hh.."])
    }
}

@Suite("Display width")
struct DisplayWidthTests {
    @Test(
        "columns by grapheme cluster",
        arguments: [
            ("abc", 3), ("日本語", 6), ("Café", 4), ("Cafe\u{301}", 4), ("한국", 4), ("👍", 2),
            ("👨‍👩‍👧", 2), ("🇮🇩", 2), ("", 0), ("ｶ", 1), ("Ａ", 2),
        ])
    func widths(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test("each cluster goes to the terminal as cells that take exactly its width on any terminal")
    func terminalCells() {
        func cells(_ text: String) -> [String] {
            DisplayWidth.cells(for: Character(text)).map { String(String.UnicodeScalarView($0)) }
        }
        #expect(cells("e\u{301}") == ["e\u{301}"])
        #expect(cells("日") == ["日"])
        // A ZWJ family is drawn as its first emoji; a flag as its two indicators, one per cell.
        #expect(cells("👨‍👩‍👧") == ["👨"])
        #expect(cells("❤️") == ["❤️"])
        #expect(cells("🇮🇩") == ["🇮", "🇩"])
        #expect(cells("👍🏽") == ["👍"])
    }

    @Test("truncation ends with an ellipsis and never splits a cluster")
    func truncation() {
        #expect("Hello world".truncated(toWidth: 6) == "Hello…")
        #expect("日本語ニュース".truncated(toWidth: 6) == "日本…")
        #expect("short".truncated(toWidth: 10) == "short")
        #expect("👨‍👩‍👧abc".truncated(toWidth: 3) == "👨‍👩‍👧…")
        #expect("abc".truncated(toWidth: 0) == "")
    }

    @Test("padding fills to an exact width")
    func padding() {
        #expect("ab".padded(toWidth: 4) == "ab  ")
        #expect(DisplayWidth.of("日本語".padded(toWidth: 5)) == 5)
    }
}

@Suite("Wrapping")
struct WrappingTests {
    @Test("words wrap at spaces within the width")
    func wrapsAtSpaces() {
        let lines = StyledLine("the quick brown fox jumps").wrapped(toWidth: 10).map(\.text)
        #expect(lines == ["the quick", "brown fox", "jumps"])
    }

    @Test("a word longer than a line is broken inside")
    func breaksLongWords() {
        let lines = StyledLine("abcdefghijkl xy").wrapped(toWidth: 5).map(\.text)
        #expect(lines == ["abcde", "fghij", "kl xy"])
    }

    @Test("roles stay with their text across a wrap")
    func rolesSurviveWrapping() {
        let line = StyledLine([StyledRun("say "), StyledRun("Vladimir Putin", role: .entityPerson), StyledRun(" now")])
        let wrapped = line.wrapped(toWidth: 12)
        #expect(wrapped.map(\.text) == ["say Vladimir", "Putin now"])
        #expect(wrapped[0].runs.last == StyledRun("Vladimir", role: .entityPerson))
        #expect(wrapped[1].runs.first == StyledRun("Putin", role: .entityPerson))
    }

    @Test("wide characters count two columns when wrapping")
    func wideCharactersWrap() {
        let lines = StyledLine("日本語 ニュース").wrapped(toWidth: 8).map(\.text)
        #expect(lines == ["日本語", "ニュース"])
    }
}

@Suite("Themes")
struct ThemeTests {
    @Test("a theme line sets colours and attributes")
    func parsesStyles() throws {
        let theme = try Theme(
            name: "t", parsing: "# comment\nsearch.hit = black on yellow bold\nentity.person = #ff0000 underline\n")
        #expect(theme.style(for: .searchHit) == Style(foreground: .indexed(0), background: .indexed(3), bold: true))
        #expect(theme.style(for: .entityPerson) == Style(foreground: .rgb(255, 0, 0), underline: true))
    }

    @Test(
        "bad theme lines are rejected with their line number",
        arguments: [
            ("text = default\nnot.a.role = red", 2, "unknown role"),
            ("text = purplish", 1, "unknown colour"),
            ("text = red on", 1, "needs a background"),
            ("text red", 1, "expected"),
            ("text = 300", 1, "unknown colour"),
        ])
    func rejectsBadLines(text: String, line: Int, message: String) {
        #expect {
            try Theme(name: "t", parsing: text)
        } throws: { error in
            guard let error = error as? Theme.ParseError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test("24-bit colours map to the nearest of 256")
    func nearestIndexed() {
        #expect(TerminalColor.rgb(255, 0, 0).indexValue == 196)
        #expect(TerminalColor.rgb(128, 128, 128).indexValue == 244)
        #expect(TerminalColor.indexed(7).indexValue == 7)
        #expect(TerminalColor.terminalDefault.indexValue == nil)
    }

    @Test("indexed colours have their xterm palette value for 24-bit terminals, and map back to themselves")
    func paletteValues() throws {
        let steel = try #require(TerminalColor.indexed(24).rgb)
        #expect(steel == (0, 95, 135))
        for index in 16..<256 {
            let (r, g, b) = try #require(TerminalColor.indexed(index).rgb)
            #expect(TerminalColor.rgb(r, g, b).indexValue == index, "\(index)")
        }
        #expect(TerminalColor.rgb(1, 2, 3).rgb! == (1, 2, 3))
        #expect(TerminalColor.terminalDefault.rgb == nil)
    }
}
