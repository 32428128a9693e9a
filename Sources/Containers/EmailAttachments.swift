public import Foundation
internal import DossierCore

/// Takes an e-mail message's attachments out into private scratch files, named by position.
public enum EmailAttachments {
    /// Parses the message at `url` and writes each attachment into `folder` (made private,
    /// 0700; each file 0600). A forwarded message comes out as a file of its own, read as an
    /// e-mail in turn.
    public static func expand(_ url: URL, into folder: URL, limits: ContainerLimits) throws(ContainerError) -> ContainerExpansion {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .damaged("it cannot be read") }
        let message = try MIMEMessage(data: data, limits: limits)
        let total = message.attachments.reduce(Int64(0)) { $0 + Int64($1.data.count) }
        if total > limits.maxExpandedBytes { throw .expandsTooFar(bytes: total, limit: limits.maxExpandedBytes) }
        do { try PrivateFiles.makeFolder(folder) } catch { throw .scratch("no scratch folder") }
        var members: [ContainerMember] = []
        for (offset, part) in message.attachments.enumerated() {
            let position = offset + 1
            let name = AttachmentNames.name(of: part, position: position)
            guard !part.data.isEmpty else {
                members.append(ContainerMember(position: position, name: name, content: .skipped("the attachment is empty")))
                continue
            }
            let target = folder.appendingPathComponent(String(format: "member-%04d", position))
            do { try PrivateFiles.createFile(target, contents: part.data) } catch { throw .scratch("cannot write an attachment") }
            members.append(ContainerMember(position: position, name: name, content: .file(target)))
        }
        return ContainerExpansion(members: members)
    }
}

/// The names attachments are shown and stored under: their own, or one made from their type.
public enum AttachmentNames {
    public static func name(of part: MIMEMessage.Part, position: Int) -> String {
        if let name = part.fileName?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty { return name }
        let suffix: String
        switch part.contentType {
        case "message/rfc822": suffix = "eml"
        case "application/pdf": suffix = "pdf"
        case "image/jpeg": suffix = "jpg"
        case "image/png": suffix = "png"
        case "text/plain": suffix = "txt"
        case "text/html": suffix = "html"
        default: suffix = "bin"
        }
        return "attachment-\(position).\(suffix)"
    }
}
