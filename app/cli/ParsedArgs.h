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
    void addPositional(const QString& value) { m_positionals.append(value); }

    bool isSet(const QString& option) const { return m_values.contains(option); }
    QString value(const QString& option, const QString& fallback = {}) const;
    const QStringList& positionals() const { return m_positionals; }
    QString positional(qsizetype index) const { return m_positionals.value(index); }

private:
    QHash<QString, QString> m_values; // flags are stored with an empty value
    QStringList m_positionals;
};

} // namespace tessera::cli
