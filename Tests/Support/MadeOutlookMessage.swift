public import Foundation

/// Outlook messages (`.msg`) made for the tests with Perl's OLE::Storage_Lite (installed with
/// msgconvert): a lawyer's message with a subject, a body, one recipient and one attachment.
public enum MadeOutlookMessage {
    static let script = #"""
        use strict; use warnings;
        use OLE::Storage_Lite;
        use Encode qw(encode decode);
        sub u16 { return encode('UTF-16LE', decode('UTF-8', $_[0])); }
        sub stream { return OLE::Storage_Lite::PPS::File->new(OLE::Storage_Lite::Asc2Ucs($_[0]), $_[1]); }
        sub dir { return OLE::Storage_Lite::PPS::Dir->new(OLE::Storage_Lite::Asc2Ucs($_[0]), undef, undef, $_[1]); }
        my ($out, $attachment, $name, $subject, $body) = @ARGV;
        open(my $fh, '<:raw', $attachment) or die "no attachment"; local $/; my $bytes = <$fh>; close $fh;
        my $root = OLE::Storage_Lite::PPS::Root->new(undef, undef, [
          stream('__substg1.0_001A001F', u16('IPM.Note')),
          stream('__substg1.0_0037001F', u16($subject)),
          stream('__substg1.0_0C1A001F', u16('mr. J. de Vries')),
          stream('__substg1.0_0C1F001F', u16('devries@advocaat.example')),
          stream('__substg1.0_0E04001F', u16('IND')),
          stream('__substg1.0_1000001F', u16($body)),
          stream('__properties_version1.0', "\0" x 32),
          dir('__recip_version1.0_#00000000', [
            stream('__substg1.0_3001001F', u16('IND')),
            stream('__substg1.0_39FE001F', u16('post@ind.example')),
            stream('__properties_version1.0', "\0" x 8),
          ]),
          dir('__attach_version1.0_#00000000', [
            stream('__substg1.0_3707001F', u16($name)),
            stream('__substg1.0_370E001F', u16('application/octet-stream')),
            stream('__substg1.0_37010102', $bytes),
            stream('__properties_version1.0', ("\0" x 8) . pack("VVVV", 0x37050003, 6, 1, 0)),
          ]),
        ]);
        $root->save($out) or die "save failed";
        """#

    /// Writes a message to `url` with `attachment` attached as `name`.
    public static func write(to url: URL, subject: String, body: String, attachment: URL, name: String) throws {
        let scriptURL = url.deletingLastPathComponent().appendingPathComponent("make-msg-\(UUID().uuidString).pl")
        try Data(script.utf8).write(to: scriptURL)
        defer { try? FileManager.default.removeItem(at: scriptURL) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        process.arguments = [scriptURL.path, url.path, attachment.path, name, subject, body]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
