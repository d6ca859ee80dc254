#pragma once

#include "common/Error.h"

#include <QByteArrayView>
#include <QSet>
#include <QString>

namespace tessera {

// A block list of common passwords, looked up ignoring case in O(1).
class CommonPasswords
{
public:
    CommonPasswords() = default;

    // The list shipped in resources/data/common-passwords.txt (30,000 entries from zxcvbn), read from the
    // compiled-in resource on first use, once, thread-safely. Empty only if the resource is missing from
    // the build, which the tests catch.
    static const CommonPasswords& bundled();
    static Result<CommonPasswords> load(const QString& path);
    static CommonPasswords fromText(QByteArrayView text); // DataFile format

    bool contains(const QString& password) const;
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }

private:
    QSet<QString> m_entries; // lower case
};

} // namespace tessera
