import Testing

@testable import Entities

@Suite("Capitalised-run recogniser")
struct CapitalizedRunRecognizerTests {
    func entities(_ text: String) -> [(String, EntityKind)] {
        CapitalizedRunRecognizer().entities(in: text).map { ($0.text(in: text), $0.kind) }
    }

    @Test("a title splits a place from a person")
    func titleAndPlace() {
        let found = entities("Baru-baru ini Presiden Rusia Vladimir Putin bertemu pemimpin Korea Utara Kim Jong-un.")
        #expect(found.contains { $0 == ("Rusia", .place) })
        #expect(found.contains { $0 == ("Vladimir Putin", .person) })
        #expect(found.contains { $0 == ("Korea Utara", .place) })
        #expect(found.contains { $0 == ("Kim Jong-un", .person) })
        #expect(!found.contains { $0.0.contains("Baru") })
    }

    @Test("organisation words make an organisation")
    func organisations() {
        let found = entities("Juru bicara Gedung Putih John Kirby mengatakan hal itu kepada NATO.")
        #expect(found.contains { $0 == ("Gedung Putih", .organization) })
        #expect(found.contains { $0 == ("John Kirby", .person) })
        #expect(found.contains { $0 == ("NATO", .organization) })
    }

    @Test("a surname alone after the full name is the same person")
    func surnameAfterFullName() {
        let found = entities("Kemudian John Kirby tiba. Menurut Kirby, itu benar.")
        #expect(found.contains { $0 == ("Kirby", .person) })
    }

    @Test("domains and sentence starters are not entities")
    func nonEntities() {
        let found = entities("GEMALANTANG.COM -- Dia mengatakan. Namun hal itu benar.")
        #expect(found.isEmpty)
    }

    @Test(
        "spans are ordered, do not overlap and map back to the text",
        arguments: [
            "Presiden Ukraina Volodymyr Zelenskyy berterima kasih kepada Joe Biden di Washington.",
            "“Kami tentu juga prihatin,” kata Jens Stoltenberg, Sekretaris Jenderal NATO, di Brussel.",
            "Café Zürich dan Émile Zola — 日本語 tidak dikenali.",
        ])
    func spansAreWellFormed(text: String) {
        let spans = CapitalizedRunRecognizer().entities(in: text)
        var previousEnd = 0
        for span in spans {
            #expect(span.start >= previousEnd)
            #expect(span.end > span.start)
            #expect(span.end <= text.utf8.count)
            let name = span.text(in: text)
            #expect(name.first?.isUppercase == true)
            previousEnd = span.end
        }
    }
}
