using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// Seeded generator of malformed and hostile request bodies and query strings: random JSON,
/// known field names with values of the wrong type, huge strings, injection strings, invalid
/// personnummer, broken JSON, wrong content types, no body at all.
/// </summary>
internal sealed class HostileRequests(int seed)
{
    public static readonly string[] Injections =
    [
        "' OR '1'='1", "'; DROP TABLE \"Concerns\"; --", "\"; DELETE FROM \"AuditEntries\"; --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}",
        "../../../../etc/passwd", "%00", "\u0000", "\uFFFF\uD800", "=cmd|' /C calc'!A0", "Robert'); --", "١٢٣", "𝕏𝕐", "\r\nSet-Cookie: x=y", "NaN", "-1e309",
    ];

    public static readonly string[] BadPersonnummer =
    [
        "20120315-1237", "19000230-1234", "99999999-9999", "2012031512", "abcdefgh-ijkl", "20121315-1236", "30120315-1236", "20120315+1236", "",
    ];

    private static readonly string[] Fields =
    [
        "email", "password", "scopes", "refreshToken", "youngPerson", "personalIdentityNumber", "name", "birthDate", "protectedIdentity", "school", "categories",
        "urgency", "description", "guardianKnowledge", "agencyId", "kind", "parties", "givenBy", "givenOn", "documentReference", "scope", "provision", "weighedBy",
        "outcome", "reason", "immediateProtectionNeeded", "decision", "goals", "actions", "what", "byDate", "ownerUserId", "municipalityId", "organisationNumber",
        "licenseeName", "address", "postalTown", "licenceKinds", "servingFrom", "servingUntil", "responsiblePersons", "hasDancing", "complaints", "date",
        "eveningStart", "eveningEnd", "venueIds", "optionalParticipants", "items", "code", "result", "note", "startedAt", "endedAt", "participantsPresent",
        "sanction", "decidedOn", "lodgedOn", "repliedOn", "ageBandFrom", "ageBandTo", "yearlyJointRoundPromise", "userId", "toUserId", "extension",
    ];

    private readonly Random random = new(seed);

    public string Query()
    {
        string[] names = ["municipalityId", "open", "year", "status", "limit", "actor", "action", "from", "to", "subjectType", "subjectId", "x"];
        var parts = Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"{Pick(names)}={Uri.EscapeDataString(ScalarText())}");
        return "?" + string.Join("&", parts);
    }

    /// <summary>
    /// A route value: mostly a forged id. NUL never goes into a path: the in-process test server
    /// refuses to build such a request, and Kestrel answers it with 400 before the app runs.
    /// </summary>
    public string RouteValue(bool guid, IReadOnlyList<Guid> forged) => random.Next(10) switch
    {
        < 6 when guid && forged.Count > 0 => Pick(forged).ToString(),
        < 8 when guid => Guid.NewGuid().ToString(),
        _ => ScalarText().Replace("\0", "", StringComparison.Ordinal).Replace("%00", "", StringComparison.Ordinal),
    };

    public HttpContent? Body()
    {
        switch (random.Next(12))
        {
            case 0:
                return null;
            case 1:
                return Json(Malformed());
            case 2:
                return new StringContent(Value(0), Encoding.UTF8, Pick(["text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded"]));
            case 3:
                return Json($"{{\"{Pick(Fields)}\":\"{new string('A', random.Next(2) == 0 ? 200_000 : 2_100_000)}\"}}");
            case 4:
                return Json($"{{\"youngPerson\":{{\"personalIdentityNumber\":\"{Pick(BadPersonnummer)}\",\"name\":{Value(1)}}},\"categories\":[\"CrimeRisk\"],\"school\":\"S\",\"description\":\"d\",\"guardianKnowledge\":\"g\"}}");
            case 5:
            case 6:
            case 7:
                return Json(FieldShaped());
            default:
                return Json(Value(0));
        }
    }

    private static StringContent Json(string text)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private string FieldShaped()
    {
        var members = Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"\"{Pick(Fields)}\":{Value(1)}");
        return "{" + string.Join(",", members) + "}";
    }

    private string Malformed() => random.Next(8) switch
    {
        0 => "{",
        1 => "{\"email\":",
        2 => "[1,2,",
        3 => "nul",
        4 => "{\"a\":1,,}",
        5 => "\u0000\u0001\u0002",
        6 => new string('[', 5000),
        _ => "{\"x\":\"\\uZZZZ\"}",
    };

    private string Value(int depth) => random.Next(depth > 3 ? 6 : 9) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(4) switch { 0 => "-1", 1 => "1e400", 2 => "99999999999999999999", _ => random.Next().ToString(CultureInfo.InvariantCulture) },
        3 or 4 or 5 => System.Text.Json.JsonSerializer.Serialize(ScalarText()),
        6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(depth + 1))) + "]",
        _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"\"{(random.Next(2) == 0 ? Pick(Fields) : ScalarText())}\":{Value(depth + 1)}")) + "}",
    };

    private string ScalarText() => random.Next(8) switch
    {
        0 => Pick(Injections),
        1 => Pick(BadPersonnummer),
        2 => new string('x', random.Next(201, 5000)),
        3 => Guid.NewGuid().ToString(),
        4 => "2026-02-30",
        5 => random.Next(-5, 100_000).ToString(CultureInfo.InvariantCulture),
        6 => "",
        _ => Convert.ToBase64String(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256)).ToArray()),
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
