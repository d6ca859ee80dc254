#include "jose/CompactJws.h"

#include "jose/Base64Url.h"
#include "jose/StrictJson.h"

#include <QList>
#include <array>
#include <cstring>

namespace tessera::jose {

namespace {

const char* const kJwsSegments[] = {"header", "payload", "signature"};
const char* const kJweSegments[] = {"header", "encrypted key", "initialisation vector", "ciphertext",
                                    "authentication tag"};

std::unexpected<Error> malformed(const QString& text)
{
    return fail(ErrorKind::Input, text);
}

} // namespace

Result<CompactJws> CompactJws::parse(QByteArrayView token, Payload payload)
{
    CompactJws jws;
    if (auto ok = parseInto(token, jws, payload); !ok) {
        return std::unexpected(ok.error());
    }
    return jws;
}

Status CompactJws::parseInto(QByteArrayView token, CompactJws& out, Payload payload)
{
    // The previous token's buffers; the claims view shares the payload's, so it lets go first.
    QByteArray headerText = out.m_header.takeText();
    out.m_claims = JsonObjectView();
    QByteArray tokenText = std::move(out.m_token);
    QByteArray payloadBytes = std::move(out.m_payload);
    QByteArray signature = std::move(out.m_signature);
    out = CompactJws(); // empty until the token proves parseable

    if (token.size() > MaxTokenBytes) {
        return malformed(QStringLiteral("token is %1 bytes; the limit is %2 (64 KiB)")
                             .arg(token.size())
                             .arg(MaxTokenBytes));
    }
    if (token.isEmpty()) {
        return malformed(QStringLiteral("token is empty"));
    }
    // At most five segments are kept; a sixth only counts toward the error.
    std::array<QByteArrayView, 5> parts;
    qsizetype count = 0;
    const char* const end = token.data() + token.size();
    for (const char* segment = token.data();;) {
        const auto* dot = static_cast<const char*>(std::memchr(segment, '.', static_cast<std::size_t>(end - segment)));
        const char* const stop = dot ? dot : end;
        if (count < static_cast<qsizetype>(parts.size())) {
            parts[count] = QByteArrayView(segment, stop - segment);
        }
        ++count;
        if (!dot) {
            break;
        }
        segment = dot + 1;
    }
    if (count != 3 && count != 5) {
        return malformed(
            QStringLiteral("token has %1 segment%2; a compact JWS has 3 (header.payload.signature) "
                           "and a JWE 5")
                .arg(count)
                .arg(count == 1 ? QString() : QStringLiteral("s")));
    }
    const bool isJwe = count == 5;
    const char* const* names = isJwe ? kJweSegments : kJwsSegments;
    // A JWE's other segments are checked and dropped: only its header can be read without its key.
    QByteArray* const targets[] = {&headerText, &payloadBytes, &signature, &signature, &signature};
    for (qsizetype i = 0; i < count; ++i) {
        if (auto ok = Base64Url::decodeInto(parts[i], *targets[i]); !ok) {
            return malformed(QStringLiteral("%1 segment: bad base64url: %2")
                                 .arg(QLatin1String(names[i]), ok.error().message));
        }
    }

    auto header = StrictJson::scanObject(std::move(headerText), MaxJsonDepth);
    if (!header) {
        return malformed(QStringLiteral("header is not a UTF-8 JSON object: %1").arg(header.error().message));
    }
    const QJsonValue::Type algType = header->type(QLatin1String("alg"));
    if (algType == QJsonValue::Undefined) {
        return malformed(QStringLiteral("header has no \"alg\""));
    }
    if (algType != QJsonValue::String) {
        return malformed(QStringLiteral("header \"alg\" must be a string"));
    }
    CompactJws jws;
    jws.m_isJwe = isJwe;
    jws.m_header = std::move(*header);
    const auto plainAlg = jws.m_header.plainString(QLatin1String("alg"));
    jws.m_knownAlg = plainAlg ? JwsAlgorithm::fromUtf8Name(*plainAlg) : JwsAlgorithm::fromName(jws.alg());
    if (!tokenText.isDetached()) {
        tokenText = QByteArray();
    }
    tokenText.resize(token.size());
    std::memmove(tokenText.data(), token.data(), static_cast<std::size_t>(token.size())); // may be our own text
    jws.m_token = std::move(tokenText);

    if (isJwe) {
        out = std::move(jws);
        return {};
    }
    jws.m_signingInputLength = parts[0].size() + 1 + parts[1].size();
    jws.m_payload = std::move(payloadBytes);
    jws.m_signature = std::move(signature);

    const QByteArray& body = jws.m_payload;
    const bool looksLikeObject = [&] {
        for (char c : body) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return c == '{';
            }
        }
        return false;
    }();
    if (payload == Payload::JsonObject || looksLikeObject) {
        auto claims = StrictJson::scanObject(body, MaxJsonDepth);
        if (!claims) {
            return malformed(
                QStringLiteral("payload is not a UTF-8 JSON object: %1").arg(claims.error().message));
        }
        jws.m_claims = std::move(*claims);
        jws.m_payloadIsJson = true;
    }
    out = std::move(jws);
    return {};
}

QString CompactJws::alg() const
{
    return m_header.value(QLatin1String("alg")).toString();
}

std::optional<QString> CompactJws::kid() const
{
    const QJsonValue value = m_header.value(QLatin1String("kid"));
    if (!value.isString()) {
        return std::nullopt;
    }
    return value.toString();
}

QByteArrayView CompactJws::signingInput() const
{
    return QByteArrayView(m_token).first(m_signingInputLength);
}

QList<QByteArrayView> CompactJws::segments() const
{
    QList<QByteArrayView> parts;
    const QByteArrayView token(m_token);
    qsizetype start = 0;
    for (qsizetype i = 0; i <= token.size(); ++i) {
        if (i == token.size() || token[i] == '.') {
            parts.append(token.sliced(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

} // namespace tessera::jose
