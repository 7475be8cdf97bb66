import FuzzSupport
import Search

/// Any text as a typed query: parsing, the FTS5 expression and matching against a text must never
/// crash, and a parse error must point inside the query.
func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let query = SearchQuery(text)
    if let error = query.error {
        precondition(error.offset >= 0 && error.offset <= text.count, "error offset outside the query")
        return 0
    }
    if let expression = query.ftsExpression { precondition(!expression.isEmpty) }
    let sample = "Presiden Joko Widodo meresmikan jalan tol di Jawa Tengah; Kim Jong-un \"bertemu\" Putin."
    let body = sample + " " + text
    for match in query.matches(in: body) {
        precondition(match.lowerBound >= 0 && match.upperBound <= body.utf8.count && !match.isEmpty)
    }
    return 0
}

@main
enum FuzzQuery {
    static func main() {
        runFuzzer { fuzzQuery($0, $1) }
    }
}
