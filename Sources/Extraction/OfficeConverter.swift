public import Foundation
internal import DossierCore
public import Containers

/// Converts Word, OpenDocument and RTF files to PDF with LibreOffice, run headless as a
/// supervised worker: its own private profile folder for each file (so nothing of one
/// conversion is seen by the next, and two conversions never share a profile's lock), macros
/// disabled at the highest security level, no network (a network namespace with no interfaces
/// when the machine allows one, so a linked picture in a document cannot call out), a cap on
/// its address space, and a time limit after which LibreOffice and everything it started are
/// killed. A Word or OpenDocument package is checked against archive-bomb limits from its
/// directory before LibreOffice sees it.
///
/// The PDF it writes (the rendition) is then read as a born-digital PDF; the original stays
/// as it was.
public struct OfficeConverter: Sendable {
    /// The `soffice` command.
    public let soffice: String
    /// Seconds a conversion may take.
    public let timeout: Double
    /// Address space LibreOffice may use, in megabytes (`prlimit --as`).
    public let memoryLimitMB: Int
    /// What a Word or OpenDocument package may expand to, checked from its directory before
    /// LibreOffice unpacks it (a document that is an archive bomb is refused here).
    public let packageLimits: ContainerLimits

    /// Uses `soffice` from `PATH`, a limit of `timeout` seconds (at least a tenth of one) and
    /// `memoryLimitMB` of address space.
    public init(soffice: String = "soffice", timeout: Double = 120, memoryLimitMB: Int = 2048,
                packageLimits: ContainerLimits = ContainerLimits(maxMembers: 5000, maxExpandedBytes: 512 << 20, maxRatio: 200)) {
        self.soffice = soffice
        self.timeout = max(0.1, timeout)
        self.memoryLimitMB = max(256, memoryLimitMB)
        self.packageLimits = packageLimits
    }

    /// Converts `source` (of `format`) into a PDF inside `folder` (made private) and returns it.
    public func convert(_ source: URL, format: FileFormat, in folder: URL) throws(ExtractionError) -> URL {
        if format == .docx || format == .odt {
            do { try ZIPArchiveReader.inspect(source, limits: packageLimits) } catch {
                throw .packageRefused(error.localizedDescription.replacingOccurrences(of: "the archive", with: "the document"))
            }
        }
        let profile = folder.appendingPathComponent("profile")
        let output = folder.appendingPathComponent("pdf")
        // LibreOffice picks its import filter by the name as well as the content: the input
        // gets the name its format has, whatever the file was called.
        let input = folder.appendingPathComponent("document.\(format.rawValue)")
        do {
            try PrivateFiles.makeFolder(folder)
            try PrivateFiles.makeFolder(profile.appendingPathComponent("user"))
            try PrivateFiles.makeFolder(output)
            try PrivateFiles.createFile(profile.appendingPathComponent("user/registrymodifications.xcu"), contents: Data(Self.settings.utf8))
            try FileManager.default.copyItem(at: source, to: input)
        } catch {
            throw .unreadable("cannot prepare the conversion")
        }
        let command = [
            soffice, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault", "--nofirststartwizard",
            "-env:UserInstallation=\(profile.absoluteURL.absoluteString)", "--convert-to", "pdf", "--outdir", output.path, input.path,
        ]
        switch SupervisedCommand(timeout: timeout, memoryLimitMB: memoryLimitMB).run(command, in: folder, environment: ["SAL_USE_VCLPLUGIN": "svp"]) {
        case .timedOut: throw .conversionTimedOut(seconds: timeout)
        case .missing: throw .converterMissing
        case .exited: break
        }
        let pdf = output.appendingPathComponent("document.pdf")
        guard FileManager.default.fileExists(atPath: pdf.path),
              let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? NSNumber)?.intValue, size > 0 else {
            throw .conversionFailed
        }
        return pdf
    }

    /// The profile's settings: macros never run (highest security level, execution disabled),
    /// no update checks, no links to other documents or pictures followed.
    static let settings = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
        <item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Load"><prop oor:name="UpdateDocMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>

        """
}
