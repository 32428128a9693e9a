internal import GRDB

/// The review store's schema, as versioned migrations. Invariants live here, not in code:
/// states are checked, decisions need a reviewer, rejections a reason, and a decided item can
/// no longer change.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cases, documents, pages, review items") { db in
            try db.execute(sql: """
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE documents (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    file_name TEXT NOT NULL CHECK (length(file_name) > 0),
                    format TEXT NOT NULL CHECK (format IN ('pdf', 'png', 'jpeg', 'tiff')),
                    byte_count INTEGER NOT NULL CHECK (byte_count >= 0),
                    added_at DATETIME NOT NULL,
                    UNIQUE (case_id, sha256)
                );
                CREATE TABLE pages (
                    document_id INTEGER NOT NULL REFERENCES documents(id),
                    number INTEGER NOT NULL CHECK (number >= 1),
                    method TEXT NOT NULL CHECK (method IN ('text-layer', 'ocr')),
                    text TEXT NOT NULL,
                    confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
                    PRIMARY KEY (document_id, number)
                );
                CREATE TABLE review_items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    document_id INTEGER NOT NULL REFERENCES documents(id),
                    kind TEXT NOT NULL CHECK (kind IN ('document-type', 'transcript')),
                    summary TEXT NOT NULL,
                    proposal TEXT NOT NULL,
                    evidence TEXT NOT NULL DEFAULT '[]',
                    state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'rejected')),
                    reviewer TEXT CHECK (reviewer IS NULL OR length(trim(reviewer)) > 0),
                    decided_at DATETIME,
                    reason TEXT,
                    created_at DATETIME NOT NULL,
                    CHECK ((state = 'proposed') = (reviewer IS NULL AND decided_at IS NULL)),
                    CHECK (state <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0)
                );
                CREATE INDEX review_items_by_document ON review_items(document_id);
                CREATE INDEX review_items_by_state ON review_items(state);
                CREATE TRIGGER review_items_decisions_are_final
                BEFORE UPDATE ON review_items WHEN OLD.state <> 'proposed'
                BEGIN SELECT RAISE(ABORT, 'a decided review item cannot change'); END;
                CREATE TRIGGER review_items_are_never_deleted
                BEFORE DELETE ON review_items
                BEGIN SELECT RAISE(ABORT, 'review items are never deleted'); END;
                """)
        }
        migrator.registerMigration("v2: how each page was read") { db in
            try db.execute(sql: """
                ALTER TABLE pages ADD COLUMN corrections TEXT
                    CHECK (corrections IS NULL OR json_valid(corrections));
                ALTER TABLE pages ADD COLUMN decision TEXT
                    CHECK (decision IS NULL OR decision IN ('text-layer-usable', 'no-text-layer',
                        'junk-text-layer', 'mostly-image', 'text-layer-mismatch', 'ocr-forced', 'ocr-disabled',
                        'blank'));
                ALTER TABLE pages ADD COLUMN text_layer_score REAL
                    CHECK (text_layer_score IS NULL OR text_layer_score BETWEEN 0 AND 1);
                ALTER TABLE pages ADD COLUMN layout TEXT
                    CHECK (layout IS NULL OR json_valid(layout));
                ALTER TABLE pages ADD COLUMN needs_language TEXT;
                ALTER TABLE documents ADD COLUMN transcription_settings TEXT NOT NULL DEFAULT '';
                CREATE INDEX documents_by_content ON documents(sha256, transcription_settings);
                """)
        }
        migrator.registerMigration("v3: flags and summaries as review items, queue priority") { db in
            // SQLite cannot change a CHECK constraint: the table is rebuilt with every row kept,
            // then its indexes and its two guard triggers are made again.
            try db.execute(sql: """
                CREATE TABLE review_items_v3 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    document_id INTEGER NOT NULL REFERENCES documents(id),
                    kind TEXT NOT NULL CHECK (kind IN ('document-type', 'transcript', 'flag', 'summary')),
                    summary TEXT NOT NULL,
                    proposal TEXT NOT NULL,
                    evidence TEXT NOT NULL DEFAULT '[]',
                    state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'rejected')),
                    reviewer TEXT CHECK (reviewer IS NULL OR length(trim(reviewer)) > 0),
                    decided_at DATETIME,
                    reason TEXT,
                    created_at DATETIME NOT NULL,
                    priority INTEGER NOT NULL DEFAULT 0,
                    CHECK ((state = 'proposed') = (reviewer IS NULL AND decided_at IS NULL)),
                    CHECK (state <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0)
                );
                INSERT INTO review_items_v3 (id, document_id, kind, summary, proposal, evidence, state, reviewer,
                                             decided_at, reason, created_at)
                    SELECT id, document_id, kind, summary, proposal, evidence, state, reviewer, decided_at, reason,
                           created_at FROM review_items;
                DROP TABLE review_items;
                ALTER TABLE review_items_v3 RENAME TO review_items;
                CREATE INDEX review_items_by_document ON review_items(document_id);
                CREATE INDEX review_items_by_state ON review_items(state);
                CREATE INDEX review_items_by_priority ON review_items(state, priority DESC, id);
                CREATE TRIGGER review_items_decisions_are_final
                BEFORE UPDATE ON review_items WHEN OLD.state <> 'proposed'
                BEGIN SELECT RAISE(ABORT, 'a decided review item cannot change'); END;
                CREATE TRIGGER review_items_are_never_deleted
                BEFORE DELETE ON review_items
                BEGIN SELECT RAISE(ABORT, 'review items are never deleted'); END;
                """)
        }
        return migrator
    }
}
