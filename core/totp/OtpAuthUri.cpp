#include "totp/OtpAuthUri.h"

#include "totp/Base32.h"
#include "totp/Hotp.h"

#include <QStringDecoder>
#include <QUrl>
#include <optional>

namespace tessera {

namespace {

constexpr QLatin1StringView kScheme("otpauth://");

QString encodeComponent(const QString& text)
{
    // Default QUrl::toPercentEncoding keeps exactly RFC 3986's unreserved set: ALPHA DIGIT - . _ ~
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9') {
        return c - u'0';
    }
    if (c >= u'a' && c <= u'f') {
        return c - u'a' + 10;
    }
    if (c >= u'A' && c <= u'F') {
        return c - u'A' + 10;
    }
    return -1;
}

// Strict percent-decoding into UTF-8: a malformed escape or invalid UTF-8 is an error, never guessed at.
Result<QString> decodeComponent(QStringView text, QStringView what)
{
    QByteArray bytes;
    bytes.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c != QLatin1Char('%')) {
            if (c.unicode() < 0x80) {
                bytes.append(static_cast<char>(c.unicode()));
            } else {
                bytes.append(text.mid(i, c.isHighSurrogate() && i + 1 < text.size() ? 2 : 1).toUtf8());
                if (c.isHighSurrogate()) {
                    ++i;
                }
            }
            continue;
        }
        const int high = i + 2 < text.size() ? hexValue(text[i + 1].unicode()) : -1;
        const int low = i + 2 < text.size() ? hexValue(text[i + 2].unicode()) : -1;
        if (high < 0 || low < 0) {
            return fail(ErrorKind::Input,
                        QStringLiteral("otpauth URI: malformed percent escape in the %1").arg(what));
        }
        bytes.append(static_cast<char>(high * 16 + low));
        i += 2;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder.decode(bytes);
    if (decoder.hasError()) {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: the %1 is not valid UTF-8").arg(what));
    }
    return decoded;
}

std::optional<int> parseSmallInt(const QString& text, int min, int max)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max || text.startsWith(QLatin1Char('+'))) {
        return std::nullopt;
    }
    return value;
}

struct Label
{
    std::optional<QString> issuer;
    QString account;
};

// See the Key URI Format's "label = accountname / issuer (":" / "%3A") *"%20" accountname".
Result<Label> splitLabel(QStringView raw, const std::optional<QString>& issuerParameter)
{
    Label label;
    const qsizetype literalColon = raw.indexOf(QLatin1Char(':'));
    if (literalColon >= 0) {
        auto issuer = decodeComponent(raw.first(literalColon), u"label");
        auto account = decodeComponent(raw.sliced(literalColon + 1), u"label");
        if (!issuer) {
            return std::unexpected(issuer.error());
        }
        if (!account) {
            return std::unexpected(account.error());
        }
        label.issuer = *issuer;
        label.account = *account;
    } else {
        auto decoded = decodeComponent(raw, u"label");
        if (!decoded) {
            return std::unexpected(decoded.error());
        }
        // An encoded separator: prefer the split that matches the issuer parameter (its name may itself
        // hold a colon), else the first colon.
        const QString prefix = issuerParameter ? *issuerParameter + QLatin1Char(':') : QString();
        qsizetype split = -1;
        if (issuerParameter && !issuerParameter->isEmpty() && decoded->startsWith(prefix)) {
            split = issuerParameter->size();
        } else {
            split = decoded->indexOf(QLatin1Char(':'));
        }
        if (split >= 0) {
            label.issuer = decoded->first(split);
            label.account = decoded->sliced(split + 1);
        } else {
            label.account = *decoded;
        }
    }
    while (label.account.startsWith(QLatin1Char(' '))) {
        label.account.remove(0, 1);
    }
    return label;
}

} // namespace

Result<QString> OtpAuthUri::toUri() const
{
    const QString account = accountName.trimmed();
    const QString issuerName = issuer.trimmed();
    if (account.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: the account name is empty"));
    }
    if (secret.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: the secret is empty"));
    }
    if (auto ok = Hotp::checkDigits(digits); !ok) {
        return std::unexpected(ok.error());
    }
    if (type == OtpType::Totp && period < 1) {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: the period must be at least 1 second"));
    }

    QString uri = kScheme + (type == OtpType::Totp ? QStringLiteral("totp/") : QStringLiteral("hotp/"));
    if (!issuerName.isEmpty()) {
        uri += encodeComponent(issuerName) + QLatin1Char(':');
    } else if (account.contains(QLatin1Char(':'))) {
        // Readers split "x%3Ay" into issuer "x" and account "y"; an empty issuer before a literal
        // separator keeps the whole name as the account.
        uri += QLatin1Char(':');
    }
    uri += encodeComponent(account);
    QString encodedSecret = Base32::encode(secret.view());
    uri += QStringLiteral("?secret=") + encodedSecret;
    wipeString(encodedSecret);
    if (!issuerName.isEmpty()) {
        uri += QStringLiteral("&issuer=") + encodeComponent(issuerName);
    }
    uri += QStringLiteral("&algorithm=") + otpAlgorithmName(algorithm);
    uri += QStringLiteral("&digits=") + QString::number(digits);
    if (type == OtpType::Totp) {
        uri += QStringLiteral("&period=") + QString::number(period);
    } else {
        uri += QStringLiteral("&counter=") + QString::number(counter);
    }
    return uri;
}

Result<OtpAuthUri> OtpAuthUri::parse(QStringView uri)
{
    uri = uri.trimmed();
    if (!uri.startsWith(kScheme, Qt::CaseInsensitive)) {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: it must start with otpauth://"));
    }
    QStringView rest = uri.sliced(kScheme.size());
    if (const qsizetype hash = rest.indexOf(QLatin1Char('#')); hash >= 0) {
        rest = rest.first(hash);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash < 0) {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: no label after the type"));
    }
    OtpAuthUri result;
    const QStringView typeText = rest.first(slash);
    if (typeText.compare(QLatin1StringView("totp"), Qt::CaseInsensitive) == 0) {
        result.type = OtpType::Totp;
    } else if (typeText.compare(QLatin1StringView("hotp"), Qt::CaseInsensitive) == 0) {
        result.type = OtpType::Hotp;
    } else {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: the type must be totp or hotp"));
    }
    rest = rest.sliced(slash + 1);
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    const QStringView rawLabel = question >= 0 ? rest.first(question) : rest;
    const QStringView query = question >= 0 ? rest.sliced(question + 1) : QStringView();

    std::optional<QString> issuerParameter;
    std::optional<QString> secretText;
    std::optional<QString> algorithmText;
    std::optional<QString> digitsText;
    std::optional<QString> periodText;
    std::optional<QString> counterText;
    for (const QStringView pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        const QStringView key = equals >= 0 ? pair.first(equals) : pair;
        auto value = decodeComponent(equals >= 0 ? pair.sliced(equals + 1) : QStringView(), u"parameters");
        if (!value) {
            return std::unexpected(value.error());
        }
        std::optional<QString>* slot = nullptr;
        for (auto [name, target] : {std::pair{QLatin1StringView("secret"), &secretText},
                                    std::pair{QLatin1StringView("issuer"), &issuerParameter},
                                    std::pair{QLatin1StringView("algorithm"), &algorithmText},
                                    std::pair{QLatin1StringView("digits"), &digitsText},
                                    std::pair{QLatin1StringView("period"), &periodText},
                                    std::pair{QLatin1StringView("counter"), &counterText}}) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                slot = target;
            }
        }
        if (!slot) {
            wipeString(*value);
            continue; // e.g. FreeOTP's "image"
        }
        if (slot->has_value()) {
            wipeString(*value);
            return fail(ErrorKind::Input,
                        QStringLiteral("otpauth URI: the parameter \"%1\" is repeated").arg(key));
        }
        *slot = std::move(*value);
    }

    if (!secretText) {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: the secret parameter is missing"));
    }
    auto secret = Base32::decode(*secretText);
    wipeString(*secretText);
    if (!secret) {
        return fail(ErrorKind::Input,
                    QStringLiteral("otpauth URI: the secret is not valid (%1)").arg(secret.error().message));
    }
    result.secret = std::move(*secret);

    auto label = splitLabel(rawLabel, issuerParameter);
    if (!label) {
        return std::unexpected(label.error());
    }
    if (label->account.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("otpauth URI: the account name is empty"));
    }
    if (issuerParameter && label->issuer && !label->issuer->isEmpty() && *issuerParameter != *label->issuer) {
        return fail(ErrorKind::Input,
                    QStringLiteral("otpauth URI: the issuer parameter (\"%1\") and the label's "
                                   "issuer (\"%2\") differ")
                        .arg(*issuerParameter, *label->issuer));
    }
    result.accountName = label->account;
    result.issuer = issuerParameter.value_or(label->issuer.value_or(QString()));

    if (algorithmText) {
        const std::optional<OtpAlgorithm> algorithm = parseOtpAlgorithm(*algorithmText);
        if (!algorithm) {
            return fail(ErrorKind::Input,
                        QStringLiteral("otpauth URI: unknown algorithm \"%1\" (SHA1, SHA256 or SHA512)")
                            .arg(*algorithmText));
        }
        result.algorithm = *algorithm;
    }
    if (digitsText) {
        const std::optional<int> digits = parseSmallInt(*digitsText, Hotp::kMinDigits, Hotp::kMaxDigits);
        if (!digits) {
            return fail(ErrorKind::Input, QStringLiteral("otpauth URI: digits must be %1 to %2, not \"%3\"")
                                              .arg(Hotp::kMinDigits)
                                              .arg(Hotp::kMaxDigits)
                                              .arg(*digitsText));
        }
        result.digits = *digits;
    }
    if (result.type == OtpType::Totp && periodText) {
        const std::optional<int> period = parseSmallInt(*periodText, 1, 86400);
        if (!period) {
            return fail(ErrorKind::Input,
                        QStringLiteral("otpauth URI: the period must be 1 to 86400 seconds, not \"%1\"")
                            .arg(*periodText));
        }
        result.period = *period;
    }
    if (result.type == OtpType::Hotp) {
        bool ok = false;
        result.counter = counterText ? counterText->toULongLong(&ok) : 0;
        if (!ok || counterText->startsWith(QLatin1Char('+'))) {
            return fail(ErrorKind::Input,
                        QStringLiteral("otpauth URI: an hotp URI needs a counter (a whole number)"));
        }
    }
    return result;
}

} // namespace tessera
