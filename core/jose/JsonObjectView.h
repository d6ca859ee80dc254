#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QVarLengthArray>
#include <optional>

namespace tessera::jose {

// A JSON object read for its top-level members without building a QJsonObject, which costs more
// than everything else in verifying an HS256 token. StrictJson::scanObject makes one from text it
// has validated: value() answers plain members (numbers, true/false/null, strings without escapes)
// straight from the text, and anything else from a QJsonObject built on first need. It can also
// wrap a QJsonObject, so that code checking claims takes either. Copies share the text.
// Reentrant, not thread-safe: the QJsonObject is built lazily, so one instance must not be read by
// several threads at once.
class JsonObjectView
{
public:
    JsonObjectView() = default;
    JsonObjectView(QJsonObject object); // NOLINT(google-explicit-constructor): claims given as an object

    bool isEmpty() const;
    bool contains(QLatin1String name) const;
    bool contains(const QString& name) const; // a name chosen at run time (--require)
    QJsonValue value(QLatin1String name) const;
    // A string member written without escapes, as the UTF-8 bytes of its text (valid while this
    // view lives); nullopt for anything else, including strings with escapes.
    std::optional<QByteArrayView> plainString(QLatin1String name) const;
    // The member's type (QJsonValue::Double for a number, Undefined when absent) without making its
    // value.
    QJsonValue::Type type(QLatin1String name) const;
    // The whole object, built once.
    const QJsonObject& object() const;
    // Empties the view and hands back its text's buffer, for the next scan to reuse.
    QByteArray takeText();

    // What StrictJson records of each top-level member.
    enum class Kind : quint8
    {
        String,
        Number,
        True,
        False,
        Null,
        Object,
        Array
    };
    struct Member
    {
        // Offsets into m_text, 32-bit to keep the view small (a token's JSON is under 64 KiB; longer
        // text is scanned but its members are looked up through object()).
        qint32 nameStart = 0;
        qint32 nameLength = 0;
        qint32 valueStart = 0; // a string's without its quotes
        qint32 valueLength = 0;
        Kind kind = Kind::Null;
        bool plainString = false; // a string without escapes: its bytes are its UTF-8 value
    };

private:
    friend class StrictJson;
    // A token's header and claims fit inline, so reading one allocates nothing for its members.
    using Members = QVarLengthArray<Member, 8>;
    JsonObjectView(QByteArray text, Members members, bool plainNames);

    const Member* find(QLatin1String name) const;

    QByteArray m_text;
    Members m_members;
    // Every member name is written without escapes, so names compare as bytes; else every lookup
    // goes through object().
    bool m_plainNames = false;
    mutable std::optional<QJsonObject> m_object;
};

} // namespace tessera::jose
