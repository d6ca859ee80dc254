#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace tessera::cli {

// A command's own options and positional arguments after parsing (global options are separate).
// Option names are stored without the leading "--".
class ParsedArgs
{
public:
    void setValue(const QString& option, const QString& value) { m_values.insert(option, value); }
    // A repeatable option: value() is the last one, values() all of them in order.
    void addValue(const QString& option, const QString& value)
    {
        m_values.insert(option, value);
        m_lists[option].append(value);
    }
    void addPositional(const QString& value) { m_positionals.append(value); }

    bool isSet(const QString& option) const { return m_values.contains(option); }
    QString value(const QString& option, const QString& fallback = {}) const;
    QStringList values(const QString& option) const { return m_lists.value(option); }
    const QStringList& positionals() const { return m_positionals; }
    QString positional(qsizetype index) const { return m_positionals.value(index); }

private:
    QHash<QString, QString> m_values;    // flags are stored with an empty value
    QHash<QString, QStringList> m_lists; // values of repeatable options
    QStringList m_positionals;
};

} // namespace tessera::cli
