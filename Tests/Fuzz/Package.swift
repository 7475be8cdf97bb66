// swift-tools-version: 6.1
// libFuzzer targets for kabar's parsers, built with `-sanitize=fuzzer,address` (see README.md
// beside this file). A package of its own, so that kabar's `swift build` and `swift test` never
// build them.
import PackageDescription

let package = Package(
    name: "kabar-fuzz",
    dependencies: [.package(name: "kabar", path: "../..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzExtract",
            dependencies: ["FuzzSupport", .product(name: "KabarText", package: "kabar")]
        ),
        .executableTarget(
            name: "FuzzQuery",
            dependencies: ["FuzzSupport", .product(name: "KabarText", package: "kabar")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
