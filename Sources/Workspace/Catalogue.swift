internal import Foundation

/// The interface's languages: Dutch by default, English on request.
public enum InterfaceLanguage: String, Sendable, CaseIterable {
    case nl, en
}

/// Every string the workspace shows, one catalogue per language (``Catalogue/dutch``,
/// ``Catalogue/english``). The switches are exhaustive, so a key without a translation does not compile.
enum Text: CaseIterable {
    case title, loginTitle, name, password, logIn, logOut, signedInAs, loginRefused, sessionEnded
    case queue, reviewNext, nothingToReview, filter, caseLabel, kind, state, severity, any, counts
    case columnItem, columnDocument, columnProposal, columnPriority, columnDeadline, queueEmpty
    case proposal, evidence, page, transcript, history, approve, reject, reason, edit, save, documentType
    case claimedBy, editedBy, decidedBy, previous, next, back, help, keyboardHelp, notAllowed, notFound
    case deadlinePassed, deadlineToday, deadlineIn, citation, rewritten, sentences, drop, keep, confirmFlag, dismissFlag
    case language, searchLabel, search, noHits, caseTitle, documents, pages, openFlags, exportCase, exported
    case zoomIn, zoomOut, forbiddenForm, edited, moreRows, wholeCase, languageColumn, previousPage, nextPage, memberOf, confirmRedactions, removeMarks, addMarks, hideText, hideArea, category, placeMark
}

/// The strings of one language.
struct Catalogue: Sendable {
    let language: InterfaceLanguage

    func callAsFunction(_ text: Text) -> String {
        language == .nl ? Self.dutch(text) : Self.english(text)
    }

    /// A string with `%@` placeholders filled in order.
    func callAsFunction(_ text: Text, _ values: String...) -> String {
        var result = self(text)
        for value in values {
            guard let range = result.range(of: "%@") else { break }
            result.replaceSubrange(range, with: value)
        }
        return result
    }

    static func dutch(_ text: Text) -> String {
        switch text {
        case .title: "Dossier — beoordelen"
        case .loginTitle: "Inloggen bij Dossier"
        case .name: "Naam"
        case .password: "Wachtwoord"
        case .logIn: "Inloggen"
        case .logOut: "Uitloggen"
        case .signedInAs: "Ingelogd als %@ (%@)"
        case .loginRefused: "Inloggen geweigerd: onbekende naam of verkeerd wachtwoord, of het account is uitgeschakeld of tijdelijk geblokkeerd."
        case .sessionEnded: "Uw sessie is verlopen of beëindigd. Log opnieuw in."
        case .queue: "Wachtrij"
        case .reviewNext: "Volgende item beoordelen"
        case .nothingToReview: "Er is niets dat u nu kunt beoordelen."
        case .filter: "Filteren"
        case .caseLabel: "Zaak"
        case .kind: "Soort"
        case .state: "Status"
        case .severity: "Ernst"
        case .any: "alle"
        case .counts: "Aantallen per status"
        case .columnItem: "Item"
        case .columnDocument: "Document"
        case .columnProposal: "Voorstel"
        case .columnPriority: "Prioriteit"
        case .columnDeadline: "Termijn"
        case .queueEmpty: "Geen items met deze filters."
        case .proposal: "Voorstel"
        case .evidence: "Bewijs"
        case .page: "Pagina %@"
        case .transcript: "Transcript"
        case .history: "Geschiedenis"
        case .approve: "Goedkeuren"
        case .reject: "Afwijzen"
        case .reason: "Reden"
        case .edit: "Bewerken"
        case .save: "Opslaan"
        case .confirmRedactions: "Afscherming gecontroleerd (de tweede beoordelaar keurt goed)"
        case .removeMarks: "Afschermingen weghalen"
        case .addMarks: "Afscherming toevoegen"
        case .hideText: "Tekst afschermen (overal in het document)"
        case .hideArea: "Gebied afschermen: pagina:x,y,b,h in procent"
        case .placeMark: "Zonder plaats op de pagina: teken het gebied (x,y,b,h in procent) of verwijder de markering"
        case .category: "Categorie"
        case .documentType: "Documentsoort"
        case .claimedBy: "In behandeling bij %@ tot %@"
        case .editedBy: "Bewerkt door %@"
        case .decidedBy: "Besloten door %@"
        case .previous: "Vorige"
        case .next: "Volgende"
        case .back: "Terug naar de wachtrij"
        case .help: "Sneltoetsen"
        case .keyboardHelp: "n volgende item beoordelen · j/k volgende/vorige · a goedkeuren · r afwijzen · e bewerken · ? deze hulp"
        case .notAllowed: "Uw rol staat dit niet toe."
        case .notFound: "Niet gevonden."
        case .deadlinePassed: "verstreken, %@ dagen geleden (%@)"
        case .deadlineToday: "vandaag (%@)"
        case .deadlineIn: "over %@ dagen (%@)"
        case .citation: "bron: pagina %@, regel %@"
        case .rewritten: "herschreven door een beoordelaar"
        case .sentences: "Zinnen"
        case .drop: "weglaten"
        case .keep: "houden"
        case .confirmFlag: "Signaal bevestigen"
        case .dismissFlag: "Signaal verwerpen"
        case .language: "English"
        case .searchLabel: "Zoeken in transcripten"
        case .search: "Zoeken"
        case .noHits: "Geen pagina gevonden."
        case .caseTitle: "Zaak %@"
        case .documents: "Documenten"
        case .pages: "pagina's"
        case .openFlags: "open signalen"
        case .exportCase: "Zaakdossier exporteren"
        case .exported: "Geëxporteerd naar %@"
        case .zoomIn: "Inzoomen"
        case .zoomOut: "Uitzoomen"
        case .forbiddenForm: "Het formulier is verlopen of niet van deze pagina. Laad de pagina opnieuw."
        case .edited: "Opgeslagen."
        case .moreRows: "De eerste %@ van %@ items; filter om de rest te zien."
        case .wholeCase: "de hele zaak"
        case .languageColumn: "Taal"
        case .previousPage: "Vorige pagina"
        case .nextPage: "Volgende pagina"
        case .memberOf: "bestand %@ (%@) uit %@"
        }
    }

    static func english(_ text: Text) -> String {
        switch text {
        case .title: "Dossier — review"
        case .loginTitle: "Log in to Dossier"
        case .name: "Name"
        case .password: "Password"
        case .logIn: "Log in"
        case .logOut: "Log out"
        case .signedInAs: "Logged in as %@ (%@)"
        case .loginRefused: "Login refused: unknown name or wrong password, or the account is disabled or locked for a while."
        case .sessionEnded: "Your session expired or ended. Please log in again."
        case .queue: "Queue"
        case .reviewNext: "Review next"
        case .nothingToReview: "There is nothing you can review now."
        case .filter: "Filter"
        case .caseLabel: "Case"
        case .kind: "Kind"
        case .state: "State"
        case .severity: "Severity"
        case .any: "any"
        case .counts: "Counts per state"
        case .columnItem: "Item"
        case .columnDocument: "Document"
        case .columnProposal: "Proposal"
        case .columnPriority: "Priority"
        case .columnDeadline: "Deadline"
        case .queueEmpty: "No items match these filters."
        case .proposal: "Proposal"
        case .evidence: "Evidence"
        case .page: "Page %@"
        case .transcript: "Transcript"
        case .history: "History"
        case .approve: "Approve"
        case .reject: "Reject"
        case .reason: "Reason"
        case .edit: "Edit"
        case .save: "Save"
        case .confirmRedactions: "Redactions checked (a second reviewer approves)"
        case .removeMarks: "Remove redactions"
        case .addMarks: "Add a redaction"
        case .hideText: "Hide text (everywhere in the document)"
        case .hideArea: "Hide an area: page:x,y,w,h in percent"
        case .placeMark: "No place on the page: draw its area (x,y,w,h in percent) or remove the mark"
        case .category: "Category"
        case .documentType: "Document type"
        case .claimedBy: "Claimed by %@ until %@"
        case .editedBy: "Edited by %@"
        case .decidedBy: "Decided by %@"
        case .previous: "Previous"
        case .next: "Next"
        case .back: "Back to the queue"
        case .help: "Keyboard"
        case .keyboardHelp: "n review next · j/k next/previous · a approve · r reject · e edit · ? this help"
        case .notAllowed: "Your role does not allow this."
        case .notFound: "Not found."
        case .deadlinePassed: "passed, %@ days ago (%@)"
        case .deadlineToday: "today (%@)"
        case .deadlineIn: "in %@ days (%@)"
        case .citation: "source: page %@, line %@"
        case .rewritten: "rewritten by a reviewer"
        case .sentences: "Sentences"
        case .drop: "drop"
        case .keep: "keep"
        case .confirmFlag: "Confirm flag"
        case .dismissFlag: "Dismiss flag"
        case .language: "Nederlands"
        case .searchLabel: "Search the transcripts"
        case .search: "Search"
        case .noHits: "No page matches."
        case .caseTitle: "Case %@"
        case .documents: "Documents"
        case .pages: "pages"
        case .openFlags: "open flags"
        case .exportCase: "Export the case file"
        case .exported: "Exported to %@"
        case .zoomIn: "Zoom in"
        case .zoomOut: "Zoom out"
        case .forbiddenForm: "The form has expired or does not belong to this page. Reload the page."
        case .edited: "Saved."
        case .moreRows: "The first %@ of %@ items; filter to see the rest."
        case .wholeCase: "the whole case"
        case .languageColumn: "Language"
        case .previousPage: "Previous page"
        case .nextPage: "Next page"
        case .memberOf: "file %@ (%@) of %@"
        }
    }
}
