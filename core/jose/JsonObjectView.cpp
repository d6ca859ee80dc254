#include "jose/JsonObjectView.h"

#include <QJsonDocument>
#include <charconv>

namespace tessera::jose {

JsonObjectView::JsonObjectView(QJsonObject object) : m_object(std::move(object)) {}

JsonObjectView::JsonObjectView(QByteArray text, Members members, bool plainNames)
    : m_text(std::move(text)), m_members(std::move(members)), m_plainNames(plainNames)
{}

bool JsonObjectView::isEmpty() const
{
    return m_object ? m_object->isEmpty() : m_members.isEmpty();
}

const JsonObjectView::Member* JsonObjectView::find(QLatin1String name) const
{
    for (const Member& member : m_members) {
        // The first byte decides most lookups without a call to memcmp (claims are checked by name,
        // about forty lookups per token).
        const char* const memberName = m_text.constData() + member.nameStart;
        if (member.nameLength == name.size() && name.size() > 0 && *memberName == *name.data() &&
            std::equal(name.data(), name.data() + name.size(), memberName)) {
            return &member;
        }
    }
    return nullptr;
}

QByteArray JsonObjectView::takeText()
{
    QByteArray text = std::move(m_text);
    *this = JsonObjectView();
    return text;
}

bool JsonObjectView::contains(QLatin1String name) const
{
    if (!m_plainNames) {
        return object().contains(name);
    }
    return find(name) != nullptr;
}

bool JsonObjectView::contains(const QString& name) const
{
    for (QChar c : name) {
        if (c.unicode() >= 0x80) {
            return object().contains(name);
        }
    }
    return contains(QLatin1String(name.toLatin1()));
}

namespace {

// A number StrictJson has checked (grammar and range, exactly as Qt's reader would). Like
// QJsonDocument, an integer that fits 64 bits is kept as one (exact beyond 2^53); the claims'
// times take this path, which is also far cheaper than reading a double.
QJsonValue number(const char* text, qint32 length)
{
    const char* const end = text + length;
    qint64 integer = 0;
    if (const auto read = std::from_chars(text, end, integer); read.ec == std::errc() && read.ptr == end) {
        return QJsonValue(integer);
    }
    double parsed = 0;
    std::from_chars(text, end, parsed);
    return parsed;
}

} // namespace

QJsonValue JsonObjectView::value(QLatin1String name) const
{
    if (!m_plainNames) {
        return object().value(name);
    }
    const Member* member = find(name);
    if (!member) {
        return QJsonValue(QJsonValue::Undefined);
    }
    const char* start = m_text.constData() + member->valueStart;
    switch (member->kind) {
    case Kind::Number:
        return number(start, member->valueLength);
    case Kind::True:
        return true;
    case Kind::False:
        return false;
    case Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case Kind::String:
        if (member->plainString) {
            return QString::fromUtf8(start, member->valueLength);
        }
        break;
    case Kind::Object:
    case Kind::Array:
        break;
    }
    return object().value(name);
}

std::optional<QByteArrayView> JsonObjectView::plainString(QLatin1String name) const
{
    const Member* member = m_plainNames ? find(name) : nullptr;
    if (!member || member->kind != Kind::String || !member->plainString) {
        return std::nullopt;
    }
    return QByteArrayView(m_text.constData() + member->valueStart, member->valueLength);
}

QJsonValue::Type JsonObjectView::type(QLatin1String name) const
{
    if (!m_plainNames) {
        return object().value(name).type();
    }
    const Member* member = find(name);
    if (!member) {
        return QJsonValue::Undefined;
    }
    switch (member->kind) {
    case Kind::String:
        return QJsonValue::String;
    case Kind::Number:
        return QJsonValue::Double;
    case Kind::True:
    case Kind::False:
        return QJsonValue::Bool;
    case Kind::Null:
        return QJsonValue::Null;
    case Kind::Object:
        return QJsonValue::Object;
    case Kind::Array:
        return QJsonValue::Array;
    }
    return QJsonValue::Undefined;
}

const QJsonObject& JsonObjectView::object() const
{
    if (!m_object) {
        // Text from StrictJson::scanObject, which accepts only what QJsonDocument reads.
        m_object = m_text.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(m_text).object();
    }
    return *m_object;
}

} // namespace tessera::jose
