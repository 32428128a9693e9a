public import Foundation

/// How much a container (a ZIP archive, later an e-mail) may hold before it is refused whole:
/// the guards against archive bombs and against one upload flooding a case.
public struct ContainerLimits: Sendable, Equatable {
    /// Members (files, attachments) per container.
    public var maxMembers: Int
    /// Bytes all members together may expand to.
    public var maxExpandedBytes: Int64
    /// How many times larger than its compressed bytes one member may expand (above 1 MB).
    public var maxRatio: Int
    /// Containers inside containers: a ZIP in a ZIP is depth 2.
    public var maxDepth: Int

    /// The defaults: 500 members, 1 GiB expanded, a ratio of 200, three levels deep.
    public init(maxMembers: Int = 500, maxExpandedBytes: Int64 = 1 << 30, maxRatio: Int = 200, maxDepth: Int = 3) {
        self.maxMembers = maxMembers
        self.maxExpandedBytes = maxExpandedBytes
        self.maxRatio = maxRatio
        self.maxDepth = maxDepth
    }
}

/// One member of a container, taken out into a private scratch file or left out with a reason.
public struct ContainerMember: Sendable, Equatable {
    /// What became of the member.
    public enum Content: Sendable, Equatable {
        /// Its bytes, in a scratch file named by position (never by the member's own name).
        case file(URL)
        /// Left out: a link, a name that leaves the container, bytes that cannot be read.
        case skipped(String)
    }

    /// Position among the container's members, from 1, in the container's own order.
    public let position: Int
    /// The name the container gives it, for showing only.
    public let name: String
    public let content: Content

    /// The last part of its name, safe as a document's file name (never empty).
    public var fileName: String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return last.isEmpty || last == "." || last == ".." ? "member-\(position)" : last
    }
}

/// What unpacking a container gave: its members, taken out or left out, in its own order.
public struct ContainerExpansion: Sendable, Equatable {
    /// Every member that is a document, taken out or left out.
    public let members: [ContainerMember]
    /// Members the container declares but that could not be read (encrypted or damaged).
    public let unreadable: Int

    public init(members: [ContainerMember], unreadable: Int = 0) {
        self.members = members
        self.unreadable = unreadable
    }
}

/// Why a container could not be opened. Messages name the reason, never a member's content.
public enum ContainerError: Error, Equatable, Sendable {
    /// The container's structure is damaged (its reason says where).
    case damaged(String)
    /// More members than the limit.
    case tooManyMembers(count: Int, limit: Int)
    /// The members would expand to more bytes than the limit.
    case expandsTooFar(bytes: Int64, limit: Int64)
    /// One member expands suspiciously far for its compressed size (a bomb).
    case bomb(member: Int, ratio: Int, limit: Int)
    /// Containers nested deeper than the limit.
    case nestedTooDeep(limit: Int)
    /// The scratch space for the members could not be written.
    case scratch(String)
}

extension ContainerError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .damaged(let reason): "the archive is damaged (\(reason))"
        case .tooManyMembers(let count, let limit): "the archive holds \(count) files, above the limit of \(limit) per archive"
        case .expandsTooFar(let bytes, let limit):
            "the archive expands to \(bytes >> 20) MB, above the limit of \(limit >> 20) MB per archive"
        case .bomb(let member, let ratio, let limit):
            "member \(member) of the archive expands \(ratio) times its packed size, above the limit of \(limit) (an archive bomb)"
        case .nestedTooDeep(let limit): "an archive inside archives more than \(limit) levels deep; not opened"
        case .scratch(let reason): "cannot unpack the archive (\(reason))"
        }
    }
}

/// The listing page a container's document gets: what it holds and what was left out, so the
/// reviewer sees every member, taken in or not.
public enum ContainerListing {
    /// Lines naming each member by position and name, with the reason for any left out.
    public static func text(kind: String, members: [ContainerMember], unreadable: Int = 0) -> String {
        var lines = ["\(kind) with \(members.count + unreadable) file\(members.count + unreadable == 1 ? "" : "s"):"]
        for member in members {
            switch member.content {
            case .file: lines.append("\(member.position). \(member.name)")
            case .skipped(let reason): lines.append("\(member.position). \(member.name) — not taken in: \(reason)")
            }
        }
        if unreadable > 0 {
            lines.append("\(unreadable) more file\(unreadable == 1 ? "" : "s") could not be read (encrypted or damaged)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
