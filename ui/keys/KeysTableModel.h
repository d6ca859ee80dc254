#pragma once

#include "keyring/VaultKey.h"

#include <QAbstractTableModel>
#include <QList>

namespace tessera::ui {

// The vault's keys: Key ID, Type, Algorithms, State, Created (with a reminder for keys in use
// longer than the rotation age, rotationDays()), Not after.
class KeysTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KidColumn,
        TypeColumn,
        AlgorithmsColumn,
        StateColumn,
        CreatedColumn,
        NotAfterColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int DefaultRotationDays = 90; // the guide's rotation reminder
    static constexpr int MaxRotationDays = 3650;

    explicit KeysTableModel(QObject* parent = nullptr);

    void setKeys(QList<keys::VaultKey> list, qint64 nowMs);
    void clear();
    const QList<keys::VaultKey>& keys() const { return m_keys; }
    const keys::VaultKey& key(int row) const { return m_keys.at(row); }
    int rowOf(const QString& kid) const;
    bool isOld(const keys::VaultKey& key) const;
    // Keys in use longer than this many days (1 to MaxRotationDays) are marked "rotate".
    int rotationDays() const { return m_rotationDays; }
    void setRotationDays(int days);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<keys::VaultKey> m_keys;
    qint64 m_nowMs = 0;
    int m_rotationDays = DefaultRotationDays;
};

} // namespace tessera::ui
