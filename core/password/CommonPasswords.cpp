#include "password/CommonPasswords.h"

#include "crypto/SecretBuffer.h"
#include "password/DataFile.h"

namespace tessera {

const CommonPasswords& CommonPasswords::bundled()
{
    static const CommonPasswords list = [] {
        auto loaded = load(QString::fromLatin1(DataFile::kCommonPasswordsPath));
        return loaded ? std::move(*loaded) : CommonPasswords();
    }();
    return list;
}

Result<CommonPasswords> CommonPasswords::load(const QString& path)
{
    const auto text = DataFile::read(path);
    if (!text) {
        return std::unexpected(text.error());
    }
    return fromText(*text);
}

CommonPasswords CommonPasswords::fromText(QByteArrayView text)
{
    CommonPasswords list;
    const QList<QByteArrayView> lines = DataFile::entries(text);
    list.m_entries.reserve(lines.size());
    for (const QByteArrayView line : lines) {
        list.m_entries.insert(QString::fromUtf8(line).toLower());
    }
    return list;
}

bool CommonPasswords::contains(const QString& password) const
{
    if (password.isEmpty() || m_entries.isEmpty()) {
        return false;
    }
    QString lowered = password.toLower();
    const bool found = m_entries.contains(lowered);
    wipeString(lowered);
    return found;
}

} // namespace tessera
