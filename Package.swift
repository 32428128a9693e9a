// swift-tools-version: 6.0
import PackageDescription

/// One list of strict settings shared by every Swift target.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // bcrypt password hashes (HummingbirdBcrypt builds on its own small C target only).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // ZIP archives taken in member by member (pure Swift over zlib).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // C system libraries: headers and link flags only.
        // poppler-glib's public API, and cairo to render pages into.
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]
        ),
        // GMime 3: e-mail (MIME structure, encoded words, charsets through iconv).
        .systemLibrary(
            name: "CGMime",
            pkgConfig: "gmime-3.0",
            providers: [.apt(["libgmime-3.0-dev"])]
        ),
        // libxml2's HTML parser: HTML pages and HTML mail bodies.
        .systemLibrary(
            name: "CXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // No pkgConfig here: its flags would link libtesseract, which the wrapper loads with
        // dlopen instead. The headers live in the default include path.
        .systemLibrary(
            name: "CTesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]
        ),

        // No pkgConfig here either: the HEIF wrapper loads libheif with dlopen on first use.
        .systemLibrary(name: "CHeif", providers: [.apt(["libheif-dev"])]),

        // Swift wrappers that own their C pointers.
        .target(name: "HEIF", dependencies: ["CHeif"], swiftSettings: strictSettings),
        .target(name: "Poppler", dependencies: ["CPoppler"], swiftSettings: strictSettings),
        .target(name: "Tesseract", dependencies: ["CTesseract"], swiftSettings: strictSettings),
        // HTML parsed by libxml2 and walked in document order (no Foundation: libxml2's headers
        // bring the system's ICU).
        .target(name: "HTML", dependencies: ["CXML2"], swiftSettings: strictSettings),

        // The rule data and local models in models/, as package resources.
        .target(
            name: "DossierModels",
            path: "models",
            // vocabulary/ is compiled into Extraction (scripts/models/common-words), not read at run time.
            exclude: ["vocabulary"],
            sources: ["ModelFiles.swift"],
            resources: [.copy("languages"), .copy("doctype"), .copy("rules"), .copy("checklists"), .copy("summaries"), .copy("redaction"), .copy("zones")],
            swiftSettings: strictSettings
        ),

        // Plain domain values and errors.
        .target(
            name: "DossierCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),

        // Which language a text is written in, from character trigram profiles.
        .target(name: "Language", dependencies: ["DossierModels"], swiftSettings: strictSettings),

        // Text out of every page: text layer or OCR.
        .target(
            name: "Extraction",
            dependencies: ["Poppler", "Tesseract", "HEIF", "HTML", "Containers", "DossierCore", "DossierModels", "Language"],
            swiftSettings: strictSettings
        ),

        // Recognition and screening: pure Swift, no C libraries.
        .target(
            name: "Analysis",
            dependencies: ["DossierCore", "DossierModels", "Language", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),

        // Extractive summaries with citations.
        .target(name: "Summaries", dependencies: ["DossierCore", "DossierModels", "Language"], swiftSettings: strictSettings),

        // Review state machine and the store protocol.
        .target(
            name: "Review",
            dependencies: ["DossierCore", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
            swiftSettings: strictSettings
        ),

        // The embedded SQLite review store.
        .target(
            name: "StoreSQLite",
            dependencies: ["Review", "DossierCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),

        // Batch intake: walk, hash, dedupe, transcribe, recognise, propose.
        .target(
            name: "StorePostgres",
            dependencies: [
                "Review", "DossierCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),

        // Which store a location names, and opening it.
        .target(name: "Stores", dependencies: ["Review", "StoreSQLite", "StorePostgres"], swiftSettings: strictSettings),

        // Containers whose members are documents of their own: ZIP archives.
        .target(
            name: "Containers",
            dependencies: ["DossierCore", "CGMime", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings
        ),

        .target(
            name: "Intake",
            dependencies: ["Extraction", "Containers", "Analysis", "Summaries", "Review", "DossierCore", "DossierModels"],
            swiftSettings: strictSettings
        ),

        // Case-file export from approved results only.
        .target(name: "CaseFiles", dependencies: ["Review", "DossierCore", "Extraction"], swiftSettings: strictSettings),

        // The review workspace in the browser (Hummingbird 2), a front end like the CLI.
        .target(
            name: "Workspace",
            dependencies: [
                "Review", "DossierCore", "Extraction", "CaseFiles", "Language",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),

        // The command-line front end and composition root.
        .executableTarget(
            name: "dossier",
            dependencies: [
                "Extraction", "Analysis", "Summaries", "Review", "Stores", "Intake", "CaseFiles", "DossierCore", "Workspace", "Language",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings,
            // The release program starts in a few milliseconds: the Swift runtime and Foundation
            // linked in (no dozen shared libraries to load and bind), a fixed load address (no
            // relocation of its tables at each start), and no symbol table exported for the
            // dynamic linker to search. Debug builds and test bundles link the usual way.
            linkerSettings: [
                // Debian's mimalloc (libmimalloc-dev) as the release program's allocator: poppler's
                // text extraction builds and frees tens of thousands of small blocks per page, and
                // glibc's malloc was a quarter of its CPU (bench/extract measures it side by side).
                // Debug builds, tests and sanitizer builds keep glibc's.
                .linkedLibrary("mimalloc", .when(configuration: .release)),
                .linkedLibrary("CoreFoundation", .when(configuration: .release)),
                .linkedLibrary("_FoundationICU", .when(configuration: .release)),
                .linkedLibrary("_FoundationCShims", .when(configuration: .release)),
                .linkedLibrary("_FoundationCollections", .when(configuration: .release)),
                .unsafeFlags(
                    ["-static-stdlib", "-Xlinker", "-no-pie", "-Xlinker", "--no-export-dynamic"],
                    .when(configuration: .release)
                ),
            ]
        ),

        // Tools/ and Tests/Support hold what does not ship: built and run by the package and CI.
        // Benchmarks of the review store: concurrent claims, search (not shipped to users).
        .executableTarget(
            name: "store-bench",
            dependencies: ["Stores", "Review", "DossierCore"],
            path: "Tools/store-bench",
            swiftSettings: strictSettings
        ),
        // Sample locations, made documents and temporary folders for the tests.
        .target(
            name: "TestSupport",
            dependencies: ["Review", "DossierCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/Support",
            swiftSettings: strictSettings
        ),

        // Fuzzing: the targets and seed corpus, and the driver that runs them (not shipped).
        .target(
            name: "FuzzTargets",
            dependencies: ["Extraction", "Containers", "Analysis", "Summaries", "Language", "DossierCore", "Tesseract", "TestSupport"],
            path: "Tools/FuzzTargets",
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "dossier-fuzz", dependencies: ["FuzzTargets"], path: "Tools/dossier-fuzz", swiftSettings: strictSettings),
        // libFuzzer's entry point over the parser targets; scripts/libfuzz builds it with
        // -sanitize=fuzzer (libFuzzer supplies main).
        .executableTarget(
            name: "dossier-libfuzz", dependencies: ["FuzzTargets"], path: "Tools/dossier-libfuzz",
            swiftSettings: strictSettings + [.unsafeFlags(["-parse-as-library"])]
        ),

        // Regressions/ holds fuzz inputs the tests read from the repository, not resources.
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets", "TestSupport"], exclude: ["Regressions"], swiftSettings: strictSettings),
        .testTarget(name: "PopplerTests", dependencies: ["Poppler", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TesseractTests", dependencies: ["Tesseract", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "ExtractionTests",
            dependencies: ["Extraction", "Tesseract", "HEIF", "DossierCore", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ContainersTests", dependencies: ["Containers", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SummariesTests", dependencies: ["Summaries", "DossierCore"], swiftSettings: strictSettings),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "DossierModels"], swiftSettings: strictSettings),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "DossierCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "StoreSQLiteTests",
            dependencies: [
                "StoreSQLite", "Review", "DossierCore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReviewStoreTests",
            dependencies: [
                "StoreSQLite", "StorePostgres", "Review", "DossierCore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IntakeTests",
            dependencies: ["Intake", "Extraction", "Analysis", "StoreSQLite", "Review", "DossierCore", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CaseFilesTests",
            dependencies: ["CaseFiles", "StoreSQLite", "Review", "DossierCore", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkspaceTests",
            dependencies: [
                "Workspace", "Review", "Stores", "DossierCore", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DossierCLITests",
            dependencies: ["dossier", "DossierCore", "Review", "Stores", "TestSupport"],
            swiftSettings: strictSettings
        ),
    ],
    cxxLanguageStandard: .cxx17
)
