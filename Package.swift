// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "kabar",
    products: [
        .executable(name: "kabar", targets: ["kabar"]),
        // For the fuzz targets in Tests/Fuzz, a package of its own.
        .library(name: "KabarText", targets: ["Articles", "Search"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // Thin C module over the system's wide-character ncurses (libncursesw5-dev).
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),

        // Pure value code: screen model, article reading, entities, queries.
        .target(name: "TerminalUI"),
        // Files shipped inside the program, and what is wrong when one is missing.
        .target(name: "BundledFiles"),
        .target(
            name: "Articles", dependencies: ["BundledFiles", "SequenceModels"],
            resources: [.process("Resources/outlets.tsv"), .copy("Resources/lines.model")]),
        // Linear-chain sequence models: training, decoding and files of weights, for any label set.
        .target(name: "SequenceModels"),
        .target(
            name: "Entities", dependencies: ["BundledFiles", "SequenceModels"],
            resources: [.copy("Resources/ner.model"), .copy("Resources/known-names.tsv")]),
        .target(
            name: "Search", dependencies: ["BundledFiles"],
            resources: [.copy("Resources/roots.txt"), .copy("Resources/compounds.txt")]),
        // Copies and stories: shingles, MinHash signatures and grouping, as pure values.
        .target(
            name: "Stories", dependencies: ["BundledFiles", "SequenceModels"],
            resources: [.copy("Resources/words.rarity")]),
        // Who said what: quotes with their cues and speakers, as pure values.
        .target(name: "Quotes", dependencies: ["Entities"]),
        // What the reader asks of an index, as values and a protocol.
        .target(name: "Library", dependencies: ["Articles", "Entities", "Search", "Quotes"]),
        .target(name: "Research", dependencies: ["Library", "Articles", "Entities"]),
        .target(
            name: "ReaderApp",
            dependencies: ["TerminalUI", "Library", "Articles", "Entities", "Search", "Stories", "Quotes", "Research"]
        ),

        // Files shipped inside the program.
        .target(name: "SampleStore", resources: [.copy("Articles")]),
        .target(
            name: "BundledThemes",
            path: "Themes",
            exclude: ["README.md"],
            sources: ["BundledThemes.swift"],
            resources: [
                .process("default.theme"), .process("light.theme"), .process("high-contrast.theme"),
                .process("monochrome.theme"),
            ]
        ),

        // I/O edges.
        // Reading store files: the only code that opens an article file.
        .target(name: "ArticleFiles", dependencies: ["Articles"]),
        .target(
            name: "ArticleIndex",
            dependencies: [
                "Library", "Articles", "ArticleFiles", "Entities", "Search", "Stories", "Quotes",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the ranking function FTS5 calls (`RankFunction`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The team index: a shared archive on PostgreSQL, behind the same `ArticleLibrary`.
        .target(
            name: "PostgresIndex",
            dependencies: [
                "Library", "Articles", "Entities", "Search", "Quotes", "ReaderApp",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "TerminalUI"]),
        // The reader's marks and remembered theme in kabar's state folder.
        .target(name: "StateFiles", dependencies: ["ReaderApp"]),

        .executableTarget(
            name: "kabar",
            dependencies: [
                "ReaderApp", "ArticleFiles", "ArticleIndex", "CursesTerminal", "StateFiles", "SampleStore",
                "BundledThemes", "BundledFiles", "SequenceModels", "Stories", "Quotes", "Research", "PostgresIndex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The tantivy side of `kabar bench search`, run where Python has tantivy.
            resources: [.copy("Resources/tantivy-bench.py")]
        ),

        // Test support: fixtures, snapshots, tmux sessions.
        .target(
            name: "KabarTestSupport", dependencies: ["TerminalUI", "Library", "Articles", "Quotes"],
            path: "Tests/KabarTestSupport"),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "KabarTestSupport"]),
        .testTarget(name: "ArticlesTests", dependencies: ["Articles", "SampleStore", "BundledFiles"]),
        .testTarget(name: "SequenceModelsTests", dependencies: ["SequenceModels"]),
        .testTarget(name: "ArticleFilesTests", dependencies: ["ArticleFiles", "Articles"]),
        .testTarget(name: "EntitiesTests", dependencies: ["Entities", "BundledFiles", "SequenceModels"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "BundledFiles"]),
        .testTarget(name: "StoriesTests", dependencies: ["Stories", "Articles", "SampleStore"]),
        .testTarget(name: "QuotesTests", dependencies: ["Quotes", "Entities", "Articles", "SampleStore"]),
        .testTarget(
            name: "ArticleIndexTests",
            dependencies: [
                "ArticleIndex", "SampleStore", "KabarTestSupport", "Research", "StateFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ReaderAppTests",
            dependencies: ["ReaderApp", "BundledThemes", "KabarTestSupport", "Quotes", "Research", "StateFiles"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "StateFilesTests", dependencies: ["StateFiles", "KabarTestSupport"]),
        .testTarget(name: "ResearchTests", dependencies: ["Research", "Library", "Articles", "Entities"]),
        .testTarget(
            name: "PostgresIndexTests",
            dependencies: [
                "PostgresIndex", "ArticleIndex", "SampleStore", "KabarTestSupport", "ReaderApp", "Entities", "Search",
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "kabar", "KabarTestSupport", "SampleStore", "PostgresIndex",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
