/// File names as they may be shown on one line of a terminal or a log.
///
/// A file name may hold newlines, terminal escape sequences or bidirectional overrides (which
/// make `gpj.exe` look like `exe.jpg`). Shown raw they would split a one-line message, drive the
/// terminal or disguise the name; here each such character is written as a visible `\u{…}`
/// escape (`\n` and `\t` as themselves), and everything else, accents and scripts included, is
/// kept.
public enum PrintableName {
    /// `name` with control and direction-changing characters escaped.
    public static func of(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default:
                if isHidden(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Control characters (C0, DEL, C1), bidirectional embeddings, overrides and isolates,
    /// direction marks, and line or paragraph separators.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        case 0x2028, 0x2029: true
        default: false
        }
    }
}
