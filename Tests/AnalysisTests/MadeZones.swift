import DossierCore

/// The ICAO 9303 check digit of `text`, as a one-character string.
func digit(_ text: String) -> String { String(MRZ.checkDigit(Substring(text))) }

/// A passport zone (TD3) with right check digits unless `breakNumber`.
func td3(surname: String, given: String, number: String, birth: String, expiry: String, code: String = "GHA",
         sex: String = "F", breakNumber: Bool = false) -> [String] {
    let line1 = String(("P<\(code)\(surname)<<\(given)" + String(repeating: "<", count: 44)).prefix(44))
    var numberDigit = digit(number)
    if breakNumber { numberDigit = String((Int(numberDigit)! + 5) % 10) }
    var line2 = number + numberDigit + code + birth + digit(birth) + sex + expiry + digit(expiry) + String(repeating: "<", count: 14) + "<"
    let a = Array(line2)
    line2 += digit(String(a[0..<10]) + String(a[13..<20]) + String(a[21..<43]))
    return [line1, line2]
}
