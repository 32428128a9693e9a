/// The kinds of evidence Dossier recognises; `unknown` when it cannot tell.
public enum DocumentType: String, Codable, Sendable, CaseIterable {
    case passport
    case idCard = "id-card"
    case birthCertificate = "birth-certificate"
    case marriageCertificate = "marriage-certificate"
    case civilStatusDeclaration = "civil-status-declaration"
    case employmentContract = "employment-contract"
    case payslip
    case bankStatement = "bank-statement"
    case decision
    case noticeOfDefault = "notice-of-default"
    case courtRuling = "court-ruling"
    case hearingReport = "hearing-report"
    case other
    case unknown
}
