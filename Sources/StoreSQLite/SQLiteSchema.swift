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
        migrator.registerMigration("v4: review workflow, edits, audit trail, search") { db in
            try db.execute(sql: """
                CREATE TABLE item_edits (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id INTEGER NOT NULL REFERENCES review_items(id),
                    editor TEXT NOT NULL CHECK (length(trim(editor)) > 0),
                    edited_at DATETIME NOT NULL,
                    summary TEXT NOT NULL,
                    proposal TEXT NOT NULL,
                    evidence TEXT NOT NULL,
                    diff TEXT NOT NULL
                );
                CREATE INDEX item_edits_by_item ON item_edits(item_id);
                CREATE TABLE review_items_v4 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    document_id INTEGER NOT NULL REFERENCES documents(id),
                    kind TEXT NOT NULL CHECK (kind IN ('document-type', 'transcript', 'flag', 'summary')),
                    summary TEXT NOT NULL,
                    proposal TEXT NOT NULL,
                    evidence TEXT NOT NULL DEFAULT '[]',
                    state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'edited', 'approved',
                        'edited-and-approved', 'rejected', 'filed')),
                    reviewer TEXT CHECK (reviewer IS NULL OR length(trim(reviewer)) > 0),
                    decided_at DATETIME,
                    reason TEXT,
                    created_at DATETIME NOT NULL,
                    priority INTEGER NOT NULL DEFAULT 0,
                    claimed_by TEXT CHECK (claimed_by IS NULL OR length(trim(claimed_by)) > 0),
                    claimed_until DATETIME,
                    edit_id INTEGER REFERENCES item_edits(id),
                    reproposed_from INTEGER REFERENCES review_items_v4(id),
                    versions TEXT NOT NULL DEFAULT '{}',
                    CHECK ((state IN ('proposed', 'edited')) = (reviewer IS NULL AND decided_at IS NULL)),
                    CHECK (state <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0),
                    CHECK (state NOT IN ('edited', 'edited-and-approved') OR edit_id IS NOT NULL),
                    CHECK ((claimed_by IS NULL) = (claimed_until IS NULL))
                );
                INSERT INTO review_items_v4 (id, document_id, kind, summary, proposal, evidence, state, reviewer,
                                             decided_at, reason, created_at, priority)
                    SELECT id, document_id, kind, summary, proposal, evidence, state, reviewer, decided_at, reason,
                           created_at, priority FROM review_items;
                DROP TABLE review_items;
                ALTER TABLE review_items_v4 RENAME TO review_items;
                CREATE INDEX review_items_by_document ON review_items(document_id);
                CREATE INDEX review_items_by_state ON review_items(state);
                CREATE INDEX review_items_by_priority ON review_items(state, priority DESC, id);
                -- What the machine proposed never changes; a reviewer's version is an item_edits row.
                CREATE TRIGGER review_items_proposals_are_fixed
                BEFORE UPDATE ON review_items
                WHEN NEW.kind IS NOT OLD.kind OR NEW.summary IS NOT OLD.summary OR NEW.proposal IS NOT OLD.proposal
                    OR NEW.evidence IS NOT OLD.evidence OR NEW.document_id IS NOT OLD.document_id
                    OR NEW.created_at IS NOT OLD.created_at OR NEW.versions IS NOT OLD.versions
                BEGIN SELECT RAISE(ABORT, 'a proposal cannot change; store a reviewer''s version instead'); END;
                CREATE TRIGGER review_items_decisions_are_final
                BEFORE UPDATE ON review_items
                WHEN OLD.state IN ('rejected', 'filed')
                    OR (OLD.state IN ('approved', 'edited-and-approved') AND (NEW.state <> 'filed'
                        OR NEW.reviewer IS NOT OLD.reviewer OR NEW.decided_at IS NOT OLD.decided_at
                        OR NEW.edit_id IS NOT OLD.edit_id))
                BEGIN SELECT RAISE(ABORT, 'a decided review item cannot change'); END;
                CREATE TRIGGER review_items_are_never_deleted
                BEFORE DELETE ON review_items
                BEGIN SELECT RAISE(ABORT, 'review items are never deleted'); END;
                CREATE TRIGGER item_edits_are_fixed BEFORE UPDATE ON item_edits
                BEGIN SELECT RAISE(ABORT, 'a stored edit cannot change'); END;
                CREATE TRIGGER item_edits_are_never_deleted BEFORE DELETE ON item_edits
                BEGIN SELECT RAISE(ABORT, 'stored edits are never deleted'); END;

                CREATE TABLE audit_events (
                    sequence INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    case_id TEXT NOT NULL,
                    item_id INTEGER,
                    document_sha256 TEXT,
                    before_hash TEXT,
                    after_hash TEXT,
                    state TEXT,
                    versions TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_events_by_case ON audit_events(case_id, sequence);
                CREATE TRIGGER audit_events_are_append_only BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                CREATE TRIGGER audit_events_are_never_deleted BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    sequence INTEGER NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

                CREATE VIRTUAL TABLE page_search USING fts5(
                    text, document_id UNINDEXED, page UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
                );
                INSERT INTO page_search (text, document_id, page) SELECT text, document_id, number FROM pages;
                """)
            // What happened before the trail existed is recorded once, as it stands, so that
            // every later event has an item history to follow.
            try SQLiteAuditWriter.recordExistingHistory(db)
        }
        migrator.registerMigration("v5: accounts, sessions, real actors") { db in
            try db.execute(sql: """
                CREATE TABLE accounts (
                    name TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 64
                        AND lower(name) NOT IN ('dossier', '-', 'root', 'system')),
                    role TEXT NOT NULL CHECK (role IN ('reviewer', 'intake', 'supervisor')),
                    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$2_$%' AND length(password_hash) = 60),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                    created_by TEXT REFERENCES accounts(name),
                    created_at DATETIME NOT NULL,
                    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
                    locked_until DATETIME
                );
                -- Only the first account comes without a supervisor, and it is a supervisor.
                CREATE TRIGGER accounts_first_is_a_supervisor BEFORE INSERT ON accounts
                WHEN NEW.created_by IS NULL AND (NEW.role <> 'supervisor' OR EXISTS (SELECT 1 FROM accounts))
                BEGIN SELECT RAISE(ABORT, 'only the first account may be added without a supervisor, and it must be a supervisor'); END;
                CREATE TRIGGER accounts_are_added_by_supervisors BEFORE INSERT ON accounts
                WHEN NEW.created_by IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM accounts WHERE name = NEW.created_by AND active = 1 AND role = 'supervisor')
                BEGIN SELECT RAISE(ABORT, 'accounts are added by an active supervisor'); END;
                CREATE TRIGGER accounts_keep_their_origin BEFORE UPDATE ON accounts
                WHEN NEW.name IS NOT OLD.name OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
                BEGIN SELECT RAISE(ABORT, 'an account keeps its name and origin'); END;
                CREATE TRIGGER accounts_are_never_deleted BEFORE DELETE ON accounts
                BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;

                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
                    account TEXT NOT NULL REFERENCES accounts(name),
                    created_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL CHECK (expires_at > created_at),
                    ended_at DATETIME
                );
                CREATE INDEX sessions_by_account ON sessions(account);

                -- Every event names an active account; the machine names itself only for its own
                -- proposals and for refused logins.
                CREATE TRIGGER audit_events_name_real_actors BEFORE INSERT ON audit_events
                WHEN NOT ((NEW.actor = 'dossier' AND NEW.action IN ('propose', 'login-failed'))
                          OR EXISTS (SELECT 1 FROM accounts WHERE name = NEW.actor AND active = 1))
                BEGIN SELECT RAISE(ABORT, 'an audit event must name an active account'); END;
                -- Decisions, claims and edits are made by active reviewer or supervisor accounts.
                CREATE TRIGGER review_items_deciders_are_accounts BEFORE UPDATE ON review_items
                WHEN (NEW.reviewer IS NOT NULL AND NEW.reviewer IS NOT OLD.reviewer AND NOT EXISTS (
                          SELECT 1 FROM accounts WHERE name = NEW.reviewer AND active = 1 AND role IN ('reviewer', 'supervisor')))
                  OR (NEW.claimed_by IS NOT NULL AND NEW.claimed_by IS NOT OLD.claimed_by AND NOT EXISTS (
                          SELECT 1 FROM accounts WHERE name = NEW.claimed_by AND active = 1 AND role IN ('reviewer', 'supervisor')))
                BEGIN SELECT RAISE(ABORT, 'a decision or claim must name an active reviewer or supervisor account'); END;
                CREATE TRIGGER item_edits_editors_are_accounts BEFORE INSERT ON item_edits
                WHEN NOT EXISTS (SELECT 1 FROM accounts WHERE name = NEW.editor AND active = 1 AND role IN ('reviewer', 'supervisor'))
                BEGIN SELECT RAISE(ABORT, 'an edit must name an active reviewer or supervisor account'); END;

                INSERT INTO settings (key, value) VALUES ('store-id', lower(hex(randomblob(16))))
                    ON CONFLICT(key) DO NOTHING;
                """)
        }
        migrator.registerMigration("v6: items about the whole case") { db in
            // The case overview and the flags only the case as a whole raises belong to the case,
            // not to a document: review items get their own case id and a document only when they
            // are about one. The table is rebuilt with every row kept, then its indexes and every
            // guard are made again.
            try db.execute(sql: """
                CREATE TABLE review_items_v6 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    document_id INTEGER REFERENCES documents(id),
                    kind TEXT NOT NULL CHECK (kind IN ('document-type', 'transcript', 'flag', 'summary')),
                    summary TEXT NOT NULL,
                    proposal TEXT NOT NULL,
                    evidence TEXT NOT NULL DEFAULT '[]',
                    state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'edited', 'approved',
                        'edited-and-approved', 'rejected', 'filed')),
                    reviewer TEXT CHECK (reviewer IS NULL OR length(trim(reviewer)) > 0),
                    decided_at DATETIME,
                    reason TEXT,
                    created_at DATETIME NOT NULL,
                    priority INTEGER NOT NULL DEFAULT 0,
                    claimed_by TEXT CHECK (claimed_by IS NULL OR length(trim(claimed_by)) > 0),
                    claimed_until DATETIME,
                    edit_id INTEGER REFERENCES item_edits(id),
                    reproposed_from INTEGER REFERENCES review_items_v6(id),
                    versions TEXT NOT NULL DEFAULT '{}',
                    CHECK ((state IN ('proposed', 'edited')) = (reviewer IS NULL AND decided_at IS NULL)),
                    CHECK (state <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0),
                    CHECK (state NOT IN ('edited', 'edited-and-approved') OR edit_id IS NOT NULL),
                    CHECK ((claimed_by IS NULL) = (claimed_until IS NULL)),
                    CHECK (document_id IS NOT NULL OR kind IN ('flag', 'summary'))
                );
                INSERT INTO review_items_v6 (id, case_id, document_id, kind, summary, proposal, evidence, state, reviewer, decided_at,
                                             reason, created_at, priority, claimed_by, claimed_until, edit_id, reproposed_from, versions)
                    SELECT i.id, d.case_id,
                           CASE WHEN i.kind IN ('flag', 'summary') AND json_valid(i.proposal)
                                     AND json_extract(i.proposal, '$.scope') = 'case' THEN NULL ELSE i.document_id END,
                           i.kind, i.summary, i.proposal, i.evidence, i.state, i.reviewer, i.decided_at, i.reason, i.created_at,
                           i.priority, i.claimed_by, i.claimed_until, i.edit_id, i.reproposed_from, i.versions
                    FROM review_items i JOIN documents d ON d.id = i.document_id;
                DROP TABLE review_items;
                ALTER TABLE review_items_v6 RENAME TO review_items;
                CREATE INDEX review_items_by_document ON review_items(document_id);
                CREATE INDEX review_items_by_case ON review_items(case_id, state);
                CREATE INDEX review_items_by_state ON review_items(state);
                CREATE INDEX review_items_by_priority ON review_items(state, priority DESC, id);
                CREATE TRIGGER review_items_proposals_are_fixed
                BEFORE UPDATE ON review_items
                WHEN NEW.kind IS NOT OLD.kind OR NEW.summary IS NOT OLD.summary OR NEW.proposal IS NOT OLD.proposal
                    OR NEW.evidence IS NOT OLD.evidence OR NEW.document_id IS NOT OLD.document_id OR NEW.case_id IS NOT OLD.case_id
                    OR NEW.created_at IS NOT OLD.created_at OR NEW.versions IS NOT OLD.versions
                BEGIN SELECT RAISE(ABORT, 'a proposal cannot change; store a reviewer''s version instead'); END;
                CREATE TRIGGER review_items_decisions_are_final
                BEFORE UPDATE ON review_items
                WHEN OLD.state IN ('rejected', 'filed')
                    OR (OLD.state IN ('approved', 'edited-and-approved') AND (NEW.state <> 'filed'
                        OR NEW.reviewer IS NOT OLD.reviewer OR NEW.decided_at IS NOT OLD.decided_at
                        OR NEW.edit_id IS NOT OLD.edit_id))
                BEGIN SELECT RAISE(ABORT, 'a decided review item cannot change'); END;
                CREATE TRIGGER review_items_are_never_deleted
                BEFORE DELETE ON review_items
                BEGIN SELECT RAISE(ABORT, 'review items are never deleted'); END;
                CREATE TRIGGER review_items_deciders_are_accounts BEFORE UPDATE ON review_items
                WHEN (NEW.reviewer IS NOT NULL AND NEW.reviewer IS NOT OLD.reviewer AND NOT EXISTS (
                          SELECT 1 FROM accounts WHERE name = NEW.reviewer AND active = 1 AND role IN ('reviewer', 'supervisor')))
                  OR (NEW.claimed_by IS NOT NULL AND NEW.claimed_by IS NOT OLD.claimed_by AND NOT EXISTS (
                          SELECT 1 FROM accounts WHERE name = NEW.claimed_by AND active = 1 AND role IN ('reviewer', 'supervisor')))
                BEGIN SELECT RAISE(ABORT, 'a decision or claim must name an active reviewer or supervisor account'); END;
                """)
        }
        migrator.registerMigration("v7: text, mail, Office and archive formats; members of a container") { db in
            // Documents may now be text, HTML, e-mail, Office files, further image kinds and
            // archives, and may be a member of another document (an attachment of a message, a
            // file in a ZIP): its parent, position and name there. An Office file keeps the PDF
            // it was converted to beside it. Pages may be a file's own text. SQLite cannot change
            // a CHECK in place, so both tables are rebuilt with every row kept.
            try db.execute(sql: """
                CREATE TABLE documents_v7 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    file_name TEXT NOT NULL CHECK (length(file_name) > 0),
                    format TEXT NOT NULL CHECK (format IN (\(SQLiteSchema.formats))),
                    byte_count INTEGER NOT NULL CHECK (byte_count >= 0),
                    added_at DATETIME NOT NULL,
                    transcription_settings TEXT NOT NULL DEFAULT '',
                    parent_id INTEGER REFERENCES documents_v7(id),
                    member_index INTEGER CHECK (member_index IS NULL OR member_index >= 1),
                    member_name TEXT,
                    rendition_sha256 TEXT CHECK (rendition_sha256 IS NULL OR length(rendition_sha256) = 64),
                    UNIQUE (case_id, sha256),
                    CHECK ((parent_id IS NULL) = (member_index IS NULL))
                );
                INSERT INTO documents_v7 (id, case_id, sha256, file_name, format, byte_count, added_at, transcription_settings)
                    SELECT id, case_id, sha256, file_name, format, byte_count, added_at, transcription_settings FROM documents;
                DROP TABLE documents;
                ALTER TABLE documents_v7 RENAME TO documents;
                CREATE INDEX documents_by_content ON documents(sha256, transcription_settings);
                CREATE INDEX documents_by_parent ON documents(parent_id);

                CREATE TABLE pages_v7 (
                    document_id INTEGER NOT NULL REFERENCES documents(id),
                    number INTEGER NOT NULL CHECK (number >= 1),
                    method TEXT NOT NULL CHECK (method IN ('text-layer', 'ocr', 'text-file')),
                    text TEXT NOT NULL,
                    confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
                    corrections TEXT CHECK (corrections IS NULL OR json_valid(corrections)),
                    decision TEXT CHECK (decision IS NULL OR decision IN ('text-layer-usable', 'no-text-layer',
                        'junk-text-layer', 'mostly-image', 'text-layer-mismatch', 'ocr-forced', 'ocr-disabled',
                        'blank', 'plain-text', 'html-text', 'email-text')),
                    text_layer_score REAL CHECK (text_layer_score IS NULL OR text_layer_score BETWEEN 0 AND 1),
                    layout TEXT CHECK (layout IS NULL OR json_valid(layout)),
                    needs_language TEXT,
                    PRIMARY KEY (document_id, number)
                );
                INSERT INTO pages_v7 SELECT document_id, number, method, text, confidence, corrections, decision,
                                            text_layer_score, layout, needs_language FROM pages;
                DROP TABLE pages;
                ALTER TABLE pages_v7 RENAME TO pages;
                """)
        }
        migrator.registerMigration("v8: redaction sets as review items") { db in
            // A document's redaction set is a review item of its own kind. SQLite cannot widen a
            // CHECK in place: the table is rebuilt with every row kept, then its indexes and
            // every guard are made again.
            try db.execute(sql: """
                CREATE TABLE review_items_v8 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    document_id INTEGER REFERENCES documents(id),
                    kind TEXT NOT NULL CHECK (kind IN ('document-type', 'transcript', 'flag', 'summary', 'redaction')),
                    summary TEXT NOT NULL,
                    proposal TEXT NOT NULL,
                    evidence TEXT NOT NULL DEFAULT '[]',
                    state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'edited', 'approved',
                        'edited-and-approved', 'rejected', 'filed')),
                    reviewer TEXT CHECK (reviewer IS NULL OR length(trim(reviewer)) > 0),
                    decided_at DATETIME,
                    reason TEXT,
                    created_at DATETIME NOT NULL,
                    priority INTEGER NOT NULL DEFAULT 0,
                    claimed_by TEXT CHECK (claimed_by IS NULL OR length(trim(claimed_by)) > 0),
                    claimed_until DATETIME,
                    edit_id INTEGER REFERENCES item_edits(id),
                    reproposed_from INTEGER REFERENCES review_items_v8(id),
                    versions TEXT NOT NULL DEFAULT '{}',
                    CHECK ((state IN ('proposed', 'edited')) = (reviewer IS NULL AND decided_at IS NULL)),
                    CHECK (state <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0),
                    CHECK (state NOT IN ('edited', 'edited-and-approved') OR edit_id IS NOT NULL),
                    CHECK ((claimed_by IS NULL) = (claimed_until IS NULL)),
                    CHECK (document_id IS NOT NULL OR kind IN ('flag', 'summary'))
                );
                INSERT INTO review_items_v8 (id, case_id, document_id, kind, summary, proposal, evidence, state, reviewer, decided_at,
                                             reason, created_at, priority, claimed_by, claimed_until, edit_id, reproposed_from, versions)
                    SELECT id, case_id, document_id, kind, summary, proposal, evidence, state, reviewer, decided_at,
                           reason, created_at, priority, claimed_by, claimed_until, edit_id, reproposed_from, versions
                    FROM review_items;
                DROP TABLE review_items;
                ALTER TABLE review_items_v8 RENAME TO review_items;
                CREATE INDEX review_items_by_document ON review_items(document_id);
                CREATE INDEX review_items_by_case ON review_items(case_id, state);
                CREATE INDEX review_items_by_state ON review_items(state);
                CREATE INDEX review_items_by_priority ON review_items(state, priority DESC, id);
                CREATE TRIGGER review_items_proposals_are_fixed
                BEFORE UPDATE ON review_items
                WHEN NEW.kind IS NOT OLD.kind OR NEW.summary IS NOT OLD.summary OR NEW.proposal IS NOT OLD.proposal
                    OR NEW.evidence IS NOT OLD.evidence OR NEW.document_id IS NOT OLD.document_id OR NEW.case_id IS NOT OLD.case_id
                    OR NEW.created_at IS NOT OLD.created_at OR NEW.versions IS NOT OLD.versions
                BEGIN SELECT RAISE(ABORT, 'a proposal cannot change; store a reviewer''s version instead'); END;
                CREATE TRIGGER review_items_decisions_are_final
                BEFORE UPDATE ON review_items
                WHEN OLD.state IN ('rejected', 'filed')
                    OR (OLD.state IN ('approved', 'edited-and-approved') AND (NEW.state <> 'filed'
                        OR NEW.reviewer IS NOT OLD.reviewer OR NEW.decided_at IS NOT OLD.decided_at
                        OR NEW.edit_id IS NOT OLD.edit_id))
                BEGIN SELECT RAISE(ABORT, 'a decided review item cannot change'); END;
                CREATE TRIGGER review_items_are_never_deleted
                BEFORE DELETE ON review_items
                BEGIN SELECT RAISE(ABORT, 'review items are never deleted'); END;
                CREATE TRIGGER review_items_deciders_are_accounts BEFORE UPDATE ON review_items
                WHEN (NEW.reviewer IS NOT NULL AND NEW.reviewer IS NOT OLD.reviewer AND NOT EXISTS (
                          SELECT 1 FROM accounts WHERE name = NEW.reviewer AND active = 1 AND role IN ('reviewer', 'supervisor')))
                  OR (NEW.claimed_by IS NOT NULL AND NEW.claimed_by IS NOT OLD.claimed_by AND NOT EXISTS (
                          SELECT 1 FROM accounts WHERE name = NEW.claimed_by AND active = 1 AND role IN ('reviewer', 'supervisor')))
                BEGIN SELECT RAISE(ABORT, 'a decision or claim must name an active reviewer or supervisor account'); END;
                """)
        }
        migrator.registerMigration("v9: each page's script and language") { db in
            try db.execute(sql: """
                ALTER TABLE pages ADD COLUMN script TEXT;
                ALTER TABLE pages ADD COLUMN language TEXT;
                """)
        }
        return migrator
    }

    /// The document formats the store accepts, as an SQL list.
    static let formats = "'pdf', 'png', 'jpeg', 'tiff', 'text', 'html', 'webp', 'heic', 'email', 'msg', 'docx', 'odt', 'doc', 'rtf', 'zip'"
}
