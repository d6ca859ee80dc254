// Strict base64url, strict JSON and compact-token parsing: what is refused as malformed (exit 2).
#include "jose/Base64Url.h"
#include "jose/CompactJws.h"
#include "jose/JwsVerifier.h"
#include "jose/StrictJson.h"
#include "jose/TokenLinter.h"
#include "keys/KeySet.h"

#include <QRandomGenerator>
#include <QTest>

using namespace tessera;
using namespace tessera::jose;

namespace {

QByteArray b64(QByteArrayView bytes)
{
    return Base64Url::encode(bytes);
}

QByteArray token(QByteArrayView header, QByteArrayView payload, QByteArrayView signature = "sig")
{
    return b64(header) + '.' + b64(payload) + '.' + b64(signature);
}

QByteArray nested(int depth)
{
    return QByteArray(depth - 1, '[') + QByteArray(depth > 0 ? "{\"a\":1}" : "") + QByteArray(depth - 1, ']');
}

} // namespace

class TestJoseEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void base64UrlRoundTripsEveryLength()
    {
        QByteArray bytes;
        for (int i = 0; i < 300; ++i) {
            const QByteArray encoded = Base64Url::encode(bytes);
            QVERIFY(!encoded.contains('=') && !encoded.contains('+') && !encoded.contains('/'));
            const auto decoded = Base64Url::decode(encoded);
            QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
            QCOMPARE(*decoded, bytes);
            QCOMPARE(encoded, bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
            bytes.append(static_cast<char>(i * 37 + 11));
        }
    }

    void base64UrlRefusesNonCanonicalText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("padding") << QByteArray("YQ==") << QStringLiteral("padding");
        QTest::newRow("single pad") << QByteArray("YWI=") << QStringLiteral("padding");
        QTest::newRow("plus") << QByteArray("a+bc") << QStringLiteral("standard base64");
        QTest::newRow("slash") << QByteArray("ab/c") << QStringLiteral("standard base64");
        QTest::newRow("space") << QByteArray("ab c") << QStringLiteral("outside the base64url alphabet");
        QTest::newRow("newline") << QByteArray("abcd\n") << QStringLiteral("outside the base64url alphabet");
        QTest::newRow("dot") << QByteArray("ab.c") << QStringLiteral("outside the base64url alphabet");
        QTest::newRow("non-ascii") << QByteArray("ab\xc3\xa9")
                                   << QStringLiteral("outside the base64url alphabet");
        QTest::newRow("length 1 mod 4") << QByteArray("abcde") << QStringLiteral("impossible");
        QTest::newRow("trailing bits, 2 chars") << QByteArray("YR") << QStringLiteral("non-canonical");
        QTest::newRow("trailing bits, 3 chars") << QByteArray("YWJ") << QStringLiteral("non-canonical");
    }

    void base64UrlRefusesNonCanonicalText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, reason);
        const auto decoded = Base64Url::decode(text);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().kind, ErrorKind::Input);
        QVERIFY2(decoded.error().message.contains(reason), qPrintable(decoded.error().message));
        QVERIFY(!Base64Url::isValid(text));
    }

    void base64UrlAcceptsCanonicalShortForms()
    {
        QCOMPARE(*Base64Url::decode("YQ"), QByteArray("a"));
        QCOMPARE(*Base64Url::decode("YWI"), QByteArray("ab"));
        QCOMPARE(*Base64Url::decode(""), QByteArray());
        QCOMPARE(*Base64Url::decode("-_-_"), QByteArray::fromHex("fbffbf"));
    }

    void strictJsonAcceptsValidDocuments_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("object") << QByteArray("{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}");
        QTest::newRow("whitespace") << QByteArray("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
        QTest::newRow("escapes") << QByteArray("{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}");
        QTest::newRow("utf-8") << QByteArray("{\"name\":\"J\xc3\xbcrgen \xe2\x82\xac \xf0\x9f\x98\x80\"}");
        QTest::newRow("numbers") << QByteArray("{\"a\":-0,\"b\":1.5e10,\"c\":2E-3,\"d\":123456789012345}");
        QTest::newRow("same name in sibling objects") << QByteArray("{\"a\":{\"x\":1},\"b\":{\"x\":2}}");
        QTest::newRow("depth 64") << nested(64);
    }

    void strictJsonAcceptsValidDocuments()
    {
        QFETCH(QByteArray, json);
        const auto doc = StrictJson::parse(json);
        QVERIFY2(doc, doc ? "" : qPrintable(doc.error().message));
    }

    void strictJsonRefuses_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("duplicate member") << QByteArray("{\"sub\":\"alice\",\"sub\":\"admin\"}")
                                          << QStringLiteral("duplicate member name \"sub\"");
        QTest::newRow("duplicate via escape") << QByteArray("{\"alg\":\"RS256\",\"\\u0061lg\":\"none\"}")
                                              << QStringLiteral("duplicate member name \"alg\"");
        QTest::newRow("nested duplicate")
            << QByteArray("{\"a\":[{\"k\":1,\"k\":2}]}") << QStringLiteral("duplicate member name \"k\"");
        QTest::newRow("depth 65") << nested(65) << QStringLiteral("nesting deeper than 64");
        QTest::newRow("overlong utf-8")
            << QByteArray("{\"a\":\"\xc0\xaf\"}") << QStringLiteral("invalid UTF-8");
        QTest::newRow("encoded surrogate")
            << QByteArray("{\"a\":\"\xed\xa0\x80\"}") << QStringLiteral("invalid UTF-8");
        QTest::newRow("truncated utf-8")
            << QByteArray("{\"a\":\"\xe2\x82\"}") << QStringLiteral("invalid UTF-8");
        QTest::newRow("latin-1 byte") << QByteArray("{\"a\":\"\xe9\"}") << QStringLiteral("invalid UTF-8");
        QTest::newRow("beyond U+10FFFF")
            << QByteArray("{\"a\":\"\xf4\x90\x80\x80\"}") << QStringLiteral("invalid UTF-8");
        QTest::newRow("lone high surrogate escape")
            << QByteArray("{\"a\":\"\\ud800\"}") << QStringLiteral("lone high surrogate");
        QTest::newRow("lone low surrogate escape")
            << QByteArray("{\"a\":\"\\udc00x\"}") << QStringLiteral("lone low surrogate");
        QTest::newRow("control character")
            << QByteArray("{\"a\":\"x\ty\"}") << QStringLiteral("control character");
        QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}") << QStringLiteral("member name");
        QTest::newRow("comment") << QByteArray("{/*x*/\"a\":1}") << QStringLiteral("member name");
        QTest::newRow("leading zero") << QByteArray("{\"a\":01}") << QStringLiteral("leading zero");
        QTest::newRow("single quotes") << QByteArray("{'a':1}") << QStringLiteral("member name");
        QTest::newRow("trailing text") << QByteArray("{\"a\":1} x") << QStringLiteral("after the end");
        QTest::newRow("two documents") << QByteArray("{\"a\":1}{\"b\":2}") << QStringLiteral("after the end");
        QTest::newRow("bad escape") << QByteArray("{\"a\":\"\\x\"}") << QStringLiteral("invalid escape");
        QTest::newRow("unterminated") << QByteArray("{\"a\":\"x") << QStringLiteral("unterminated");
        QTest::newRow("empty") << QByteArray("  ") << QStringLiteral("empty document");
        QTest::newRow("NaN") << QByteArray("{\"a\":NaN}") << QStringLiteral("expected a value");
        // QJsonDocument refuses numbers a double cannot hold; so must the strict reader.
        QTest::newRow("number overflow")
            << QByteArray("{\"exp\":1e400}") << QStringLiteral("out of the range of a double");
        QTest::newRow("number underflow")
            << QByteArray("{\"exp\":-2e-324}") << QStringLiteral("out of the range of a double");
        QTest::newRow("integer overflow")
            << QByteArray("{\"exp\":" + QByteArray(309, '9') + "}") << QStringLiteral("out of the range of a double");
    }

    void strictJsonRefuses()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const auto doc = StrictJson::parse(json);
        QVERIFY(!doc);
        QCOMPARE(doc.error().kind, ErrorKind::Input);
        QVERIFY2(doc.error().message.contains(reason), qPrintable(doc.error().message));
        QVERIFY2(doc.error().message.contains(QStringLiteral("offset")), qPrintable(doc.error().message));
    }

    void strictJsonObjectRequiresAnObject()
    {
        QVERIFY(StrictJson::parse("[1,2]"));
        const auto object = StrictJson::parseObject("[1,2]");
        QVERIFY(!object);
        QVERIFY(object.error().message.contains(QStringLiteral("must be an object")));
        QVERIFY(!StrictJson::parseObject("\"text\""));
        const auto view = StrictJson::scanObject("[1,2]");
        QVERIFY(!view);
        QVERIFY(view.error().message.contains(QStringLiteral("must be an object")));
    }

    // The view answers from the text what QJsonDocument answers from its tree, for every kind of
    // member, with and without escapes, and for absent names.
    void objectViewAgreesWithQJsonDocument_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("claims") << QByteArray(
            "{\"exp\":1700000900,\"iat\":1.5e9,\"sub\":\"alice\",\"type\":\"access\",\"admin\":true}");
        QTest::newRow("numbers") << QByteArray(
            "{\"a\":-0,\"b\":0.5,\"c\":1e308,\"d\":12345678901234567890,\"e\":4.9e-324,\"f\":-17}");
        QTest::newRow("integers") << QByteArray(
            "{\"a\":999999999999999,\"b\":-999999999999999,\"c\":9007199254740993,\"d\":-0,\"e\":0,"
            "\"f\":1234567890123456789012345678901234567890}");
        QTest::newRow("longest integer that fits") << QByteArray("{\"x\":" + QByteArray(300, '9') + "}");
        QTest::newRow("literals") << QByteArray("{\"t\":true,\"f\":false,\"n\":null}");
        QTest::newRow("escaped strings") << QByteArray(
            "{\"sub\":\"a\\\"b\",\"kid\":\"\\u00e9t\\u00e9\",\"p\":\"x\\/y\",\"e\":\"\\ud83d\\ude00\"}");
        QTest::newRow("utf-8 value") << QByteArray("{\"name\":\"J\xc3\xb6rg\",\"x\":\"\xe2\x82\xac\"}");
        QTest::newRow("escaped name") << QByteArray("{\"\\u0065xp\":5,\"sub\":\"a\"}");
        QTest::newRow("utf-8 name") << QByteArray("{\"n\xc3\xa4me\":1,\"exp\":2}");
        QTest::newRow("nested") << QByteArray(
            "{\"aud\":[\"a\",\"b\"],\"cnf\":{\"jkt\":\"x\"},\"empty\":{},\"list\":[]}");
        QTest::newRow("spaces") << QByteArray(" {\n \"exp\" :\t1 , \"sub\": \"a\" } ");
        QTest::newRow("empty") << QByteArray("{}");
    }

    void objectViewAgreesWithQJsonDocument()
    {
        QFETCH(QByteArray, json);
        const QJsonObject expected = QJsonDocument::fromJson(json).object();
        const auto view = StrictJson::scanObject(json);
        QVERIFY2(view, view ? "" : qPrintable(view.error().message));
        QCOMPARE(view->isEmpty(), expected.isEmpty());
        QStringList names = expected.keys();
        names << QStringLiteral("absent") << QStringLiteral("exp") << QStringLiteral("ex");
        for (const QString& name : names) {
            const QByteArray latin = name.toLatin1();
            if (latin != name.toUtf8()) {
                QVERIFY(view->contains(name)); // a name beyond ASCII is asked for as a QString
                continue;
            }
            const QLatin1String key(latin);
            QCOMPARE(view->contains(key), expected.contains(name));
            QCOMPARE(view->contains(name), expected.contains(name));
            QCOMPARE(view->type(key), expected.value(name).type());
            QCOMPARE(view->value(key), expected.value(name));
        }
        QCOMPARE(view->object(), expected);
    }

    void compactJwsParsesAToken()
    {
        const QByteArray text =
            token("{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}", "{\"sub\":\"alice\",\"exp\":10}");
        const auto jws = CompactJws::parse(text);
        QVERIFY2(jws, jws ? "" : qPrintable(jws.error().message));
        QVERIFY(!jws->isJwe());
        QCOMPARE(jws->alg(), QStringLiteral("HS256"));
        QCOMPARE(jws->kid().value(), QStringLiteral("k1"));
        QCOMPARE(jws->claims().value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(jws->signature(), QByteArray("sig"));
        QCOMPARE(jws->signingInput(), QByteArrayView(text).first(text.lastIndexOf('.')));
        QCOMPARE(jws->segments().size(), 3);
    }

    void compactJwsRecognisesAJwe()
    {
        const QByteArray text = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".a2V5.aXY.Y2lwaGVy.dGFn";
        const auto jws = CompactJws::parse(text);
        QVERIFY2(jws, jws ? "" : qPrintable(jws.error().message));
        QVERIFY(jws->isJwe());
        QCOMPARE(jws->header().value(QStringLiteral("enc")).toString(), QStringLiteral("A256GCM"));
        QCOMPARE(jws->segments().size(), 5);
    }

    void compactJwsRefusesMalformedTokens_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("reason");
        const QByteArray header = b64("{\"alg\":\"HS256\"}");
        const QByteArray payload = b64("{\"sub\":\"a\"}");
        QTest::newRow("two segments") << header + '.' + payload << QStringLiteral("2 segments");
        QTest::newRow("four segments") << header + '.' + payload + ".c2ln.eA" << QStringLiteral("4 segments");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("padding in signature") << header + '.' + payload + ".c2lnbg=="
                                              << QStringLiteral("signature segment: bad base64url: padding");
        QTest::newRow("padding in header") << b64("{\"alg\":\"HS256\",\"a\":1}") + "=." + payload + ".c2ln"
                                           << QStringLiteral("header segment: bad base64url");
        QTest::newRow("stray character")
            << header + '.' + payload + "!.c2ln" << QStringLiteral("payload segment: bad base64url");
        QTest::newRow("whitespace") << header + ". " + payload + ".c2ln"
                                    << QStringLiteral("payload segment: bad base64url");
        QTest::newRow("header not json") << b64("alg=HS256") + '.' + payload + ".c2ln"
                                         << QStringLiteral("header is not a UTF-8 JSON object");
        QTest::newRow("header is an array") << b64("[\"alg\",\"HS256\"]") + '.' + payload + ".c2ln"
                                            << QStringLiteral("header is not a UTF-8 JSON object");
        QTest::newRow("payload not json")
            << header + '.' + b64("hello") + ".c2ln" << QStringLiteral("payload is not a UTF-8 JSON object");
        QTest::newRow("payload is a number")
            << header + '.' + b64("42") + ".c2ln" << QStringLiteral("payload is not a UTF-8 JSON object");
        QTest::newRow("payload not utf-8")
            << header + '.' + b64("{\"sub\":\"\xff\"}") + ".c2ln" << QStringLiteral("invalid UTF-8");
        QTest::newRow("alg missing") << b64("{\"typ\":\"JWT\"}") + '.' + payload + ".c2ln"
                                     << QStringLiteral("no \"alg\"");
        QTest::newRow("alg not a string")
            << b64("{\"alg\":256}") + '.' + payload + ".c2ln" << QStringLiteral("\"alg\" must be a string");
        QTest::newRow("alg null") << b64("{\"alg\":null}") + '.' + payload + ".c2ln"
                                  << QStringLiteral("\"alg\" must be a string");
        QTest::newRow("duplicate alg")
            << b64("{\"alg\":\"HS256\",\"alg\":\"none\"}") + '.' + payload + ".c2ln"
            << QStringLiteral("duplicate member name \"alg\"");
        QTest::newRow("duplicate claim") << header + '.' + b64("{\"sub\":\"a\",\"sub\":\"b\"}") + ".c2ln"
                                         << QStringLiteral("duplicate member name \"sub\"");
        QTest::newRow("depth 65") << header + '.' + b64("{\"a\":" + nested(64) + "}") + ".c2ln"
                                  << QStringLiteral("nesting deeper than 64");
        QTest::newRow("JWE header not json")
            << b64("x") + ".a2V5.aXY.Y2lwaGVy.dGFn" << QStringLiteral("header is not");
        QTest::newRow("JWE bad segment")
            << b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + "..aXY=.Y2lwaGVy.dGFn"
            << QStringLiteral("initialisation vector segment: bad base64url");
    }

    void compactJwsRefusesMalformedTokens()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, reason);
        const auto jws = CompactJws::parse(text);
        QVERIFY(!jws);
        QCOMPARE(jws.error().kind, ErrorKind::Input);
        QVERIFY2(jws.error().message.contains(reason), qPrintable(jws.error().message));
    }

    void compactJwsLimitsTheSizeTo64KiB()
    {
        const QByteArray header = b64("{\"alg\":\"HS256\"}");
        const QByteArray sig = b64("0123456789abcdef0123456789abcdef");
        const qsizetype overhead = header.size() + sig.size() + 2;
        // The largest valid token of at most 64 KiB, then one byte more.
        qsizetype jsonSize = (CompactJws::MaxTokenBytes - overhead) * 3 / 4 + 3;
        QByteArray atLimit;
        do {
            atLimit = header + '.' + b64("{\"pad\":\"" + QByteArray(jsonSize - 10, 'x') + "\"}") + '.' + sig;
            --jsonSize;
        } while (atLimit.size() > CompactJws::MaxTokenBytes);
        QVERIFY(atLimit.size() <= CompactJws::MaxTokenBytes &&
                atLimit.size() > CompactJws::MaxTokenBytes - 4);
        QVERIFY(CompactJws::parse(atLimit));
        const QByteArray over = atLimit + QByteArray(CompactJws::MaxTokenBytes + 1 - atLimit.size(), 'A');
        QCOMPARE(over.size(), CompactJws::MaxTokenBytes + 1);
        const auto jws = CompactJws::parse(over);
        QVERIFY(!jws);
        QVERIFY2(jws.error().message.contains(QStringLiteral("64 KiB")), qPrintable(jws.error().message));
    }

    void compactJwsMayCarryAnyPayloadWhenAsked()
    {
        const QByteArray text = token("{\"alg\":\"EdDSA\"}", "Example of Ed25519 signing");
        QVERIFY(!CompactJws::parse(text));
        const auto jws = CompactJws::parse(text, CompactJws::Payload::Any);
        QVERIFY(jws);
        QVERIFY(!jws->payloadIsJson());
        QCOMPARE(jws->payloadBytes(), QByteArray("Example of Ed25519 signing"));
        // Something that looks like an object must still be strict JSON.
        QVERIFY(
            !CompactJws::parse(token("{\"alg\":\"EdDSA\"}", "{\"a\":1,\"a\":2}"), CompactJws::Payload::Any));
    }

    // Not a fuzzer (that is a libFuzzer target's job), but a cheap guard in every run: mangled
    // tokens and key files are refused with an error, never a crash.
    void mutatedInputsNeverCrash()
    {
        const QByteArray good =
            token("{\"alg\":\"HS256\",\"kid\":\"k\",\"crit\":[\"x\"],\"x\":1}",
                  "{\"sub\":\"a\",\"exp\":1e300,\"aud\":[\"x\",{\"y\":[[1]]}],\"nbf\":-1}");
        const QByteArray jwk =
            "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
        QRandomGenerator random(20240601);
        const QByteArray alphabet = QByteArray("{}[]\":,.=-_\\ab0") + '\0' + '\xff';
        auto mutate = [&](QByteArray text) {
            const int edits = 1 + static_cast<int>(random.bounded(4));
            for (int e = 0; e < edits && !text.isEmpty(); ++e) {
                const auto at = static_cast<qsizetype>(random.bounded(static_cast<quint32>(text.size())));
                switch (random.bounded(3)) {
                case 0:
                    text[at] = alphabet[static_cast<qsizetype>(
                        random.bounded(static_cast<quint32>(alphabet.size())))];
                    break;
                case 1:
                    text.remove(at, 1 + static_cast<qsizetype>(random.bounded(8)));
                    break;
                default:
                    text.insert(at, alphabet.mid(static_cast<qsizetype>(
                                                     random.bounded(static_cast<quint32>(alphabet.size()))),
                                                 1));
                    break;
                }
            }
            return text;
        };
        VerifyOptions options;
        options.now = 1;
        const keys::KeySet keys = *keys::KeySet::fromData(jwk);
        const JwsVerifier verifier(keys, options);
        LintContext context;
        int parsed = 0;
        for (int i = 0; i < 3000; ++i) {
            const QByteArray text = mutate(good);
            if (const auto jws = CompactJws::parse(text, CompactJws::Payload::Any)) {
                ++parsed;
                TokenLinter::lint(*jws, context);
            }
            QVERIFY(!verifier.verify(text).valid());
            // The same mutations inside the decoded JSON.
            const QByteArray header = mutate("{\"alg\":\"ES256\",\"kid\":\"\\u00e9\\ud83d\\ude00\"}");
            QVERIFY(!verifier.verify(b64(header) + '.' + b64(mutate("{\"a\":[1,{\"b\":null}]}")) + ".c2ln")
                         .valid());
            (void)keys::KeySet::fromData(mutate(jwk));
        }
        QVERIFY(parsed > 0);
    }
};

QTEST_GUILESS_MAIN(TestJoseEncoding)
#include "TestJoseEncoding.moc"
