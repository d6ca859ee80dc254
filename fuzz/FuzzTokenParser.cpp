// libFuzzer target: the token reader every untrusted token goes through. One input is read as a
// compact token (both payload modes), then linted and verified against fixed HMAC and EC keys, and
// also fed raw to the strict JSON reader and the base64url decoder. Any crash, sanitizer report or
// broken invariant below is a finding; ordinary rejections are not.
#include "FuzzSupport.h"
#include "jose/Base64Url.h"
#include "jose/CompactJws.h"
#include "jose/JwsVerifier.h"
#include "jose/StrictJson.h"
#include "jose/TokenLinter.h"
#include "keys/KeySet.h"

#include <QByteArrayView>
#include <cstdint>
#include <cstdlib>

using namespace tessera;
using namespace tessera::jose;

namespace {

// Keys made once: the HMAC secret and a P-256 public key (RFC 7515 A.3's), so that signatures of
// both families reach the crypto code.
const keys::KeySet& verificationKeys()
{
    static const keys::KeySet keySet = [] {
        auto parsed = keys::KeySet::fromData(QByteArrayView(R"({"keys":[
            {"kty":"oct","kid":"hmac","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
            {"kty":"EC","kid":"ec","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})"));
        fuzz::require(parsed.has_value(), "the fixed verification keys parse");
        return std::move(*parsed);
    }();
    return keySet;
}

void checkToken(const CompactJws& jws)
{
    LintContext context;
    context.now = 1700000000;
    const QList<LintFinding> findings = TokenLinter::lint(jws, context);
    for (const LintFinding& finding : findings) {
        fuzz::require(!finding.id.isEmpty(), "every finding has an id");
    }
    if (jws.isJwe()) {
        return;
    }
    VerifyOptions options;
    options.now = 1700000000;
    options.leewaySeconds = 30;
    const JwsVerifier verifier(verificationKeys(), options);
    const VerifyResult result = verifier.verify(jws);
    fuzz::require(result.valid() == result.error.isEmpty(), "an invalid result always says why");
    const QJsonObject json = result.toJson();
    fuzz::require(json.contains(QStringLiteral("valid")), "the JSON report has \"valid\"");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    for (auto mode : {CompactJws::Payload::JsonObject, CompactJws::Payload::Any}) {
        auto jws = CompactJws::parse(input, mode);
        if (!jws) {
            fuzz::require(!jws.error().message.isEmpty(), "a malformed token is told why");
            continue;
        }
        // A parsed token's segments join back into the input.
        QByteArray joined;
        for (QByteArrayView segment : jws->segments()) {
            joined += (joined.isEmpty() ? QByteArray() : QByteArray(".")) + segment.toByteArray();
        }
        fuzz::require(joined == input, "segments join back into the token");
        checkToken(*jws);
    }

    if (auto decoded = Base64Url::decode(input)) {
        fuzz::require(Base64Url::encode(*decoded) == input, "strict base64url round-trips");
    }
    if (auto document = StrictJson::parse(input)) {
        fuzz::require(document->isObject() || document->isArray(), "accepted JSON is an object or array");
    }
    return 0;
}
