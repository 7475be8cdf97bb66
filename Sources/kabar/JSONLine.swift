import Foundation

/// A JSON object of plain values (strings, numbers, booleans, arrays and objects of them) on one
/// line, keys sorted: a record of the commands' `--json` output.
func jsonLine(_ object: [String: Any]) -> String {
    // Plain values always encode.
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
}
