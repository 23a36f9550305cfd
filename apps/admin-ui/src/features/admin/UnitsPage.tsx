import { Button, Form, Input, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { useRefreshSoon } from '../../components/readModel';
import { useUnits, type Unit } from '../../components/UnitSelect';
import { usePunctuation } from '../../components/punctuation';
import { CommandModal } from '../employment/CommandModal';
import { maxLength, required } from '../employment/fields';
import { LEVELS, type Level, type WriteResult } from './adminApi';

interface UnitRow extends Unit {
  children?: UnitRow[];
}

type Action = { type: 'create'; parent?: Unit } | { type: 'rename'; unit: Unit } | { type: 'move'; unit: Unit };

const levelBelow = (level: Level): Level | undefined => LEVELS[LEVELS.indexOf(level) + 1];
const levelAbove = (level: Level): Level | undefined => LEVELS[LEVELS.indexOf(level) - 1];

/** The units as a tree of options, only those of the given level selectable. */
function useUnitTree(units: Unit[], selectable: (unit: Unit) => boolean, t: (key: string) => string) {
  const punct = usePunctuation();
  return useMemo(() => {
    type Node = { value: string; title: string; disabled: boolean; children: Node[] };
    const nodes = new Map<string, Node>(units.map((u) => [u.id, { value: u.id, title: punct.note(u.name, t(`common:levels.${u.level}`)), disabled: !selectable(u), children: [] }]));
    const roots: Node[] = [];
    for (const u of units) {
      const parent = u.parentId ? nodes.get(u.parentId) : undefined;
      (parent ? parent.children : roots).push(nodes.get(u.id)!);
    }
    return roots;
  }, [units, selectable, t, punct]);
}

export function UnitsPage() {
  const { t } = useTranslation('admin');
  const me = useMe();
  const units = useUnits();
  const refreshSoon = useRefreshSoon();
  const [action, setAction] = useState<Action | null>(null);
  const isAdmin = me.role === 'admin';

  const refresh = () => refreshSoon(['units']);

  const tree = useMemo(() => {
    const items = units.data ?? [];
    const rows = new Map<string, UnitRow>(items.map((u) => [u.id, { ...u }]));
    const roots: UnitRow[] = [];
    for (const u of items) {
      const row = rows.get(u.id)!;
      const parent = u.parentId ? rows.get(u.parentId) : undefined;
      if (parent) (parent.children ??= []).push(row);
      else roots.push(row);
    }
    return roots;
  }, [units.data]);

  return (
    <Page
      title={t('units.title')}
      extra={
        isAdmin && (
          <Button type="primary" onClick={() => setAction({ type: 'create' })}>
            {t('units.create')}
          </Button>
        )
      }
    >
      <QueryView query={units}>
        {() => (
          <Table<UnitRow>
            rowKey="id"
            dataSource={tree}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{ defaultExpandAllRows: true }}
            locale={{ emptyText: t('units.empty') }}
            columns={[
              { title: t('units.name'), dataIndex: 'name' },
              { title: t('units.level'), dataIndex: 'level', render: (level: Level) => <Tag>{t(`common:levels.${level}`)}</Tag> },
              ...(isAdmin
                ? [
                    {
                      title: t('common:table.actions'),
                      key: 'actions',
                      render: (_: unknown, unit: UnitRow) => (
                        <Space size={4} wrap>
                          {levelBelow(unit.level) && (
                            <Button size="small" onClick={() => setAction({ type: 'create', parent: unit })} aria-label={`${t('units.createChild')} ${unit.name}`}>
                              {t('units.createChild')}
                            </Button>
                          )}
                          <Button size="small" onClick={() => setAction({ type: 'rename', unit })} aria-label={`${t('units.rename')} ${unit.name}`}>
                            {t('units.rename')}
                          </Button>
                          {unit.parentId && (
                            <Button size="small" onClick={() => setAction({ type: 'move', unit })} aria-label={`${t('units.move')} ${unit.name}`}>
                              {t('units.move')}
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      {action?.type === 'create' && <CreateUnitModal units={units.data ?? []} parent={action.parent} onClose={() => setAction(null)} onDone={refresh} />}
      {action?.type === 'rename' && (
        <CommandModal<{ name: string }, WriteResult>
          title={t('units.renameTitle', { name: action.unit.name })}
          testId="rename-unit"
          okText={t('units.rename')}
          initialValues={{ name: action.unit.name }}
          onClose={() => setAction(null)}
          submit={(v) => api.put<WriteResult>(`/units/${action.unit.id}/name`, { name: v.name.trim() }, { ifMatch: action.unit.revision })}
          onSuccess={refresh}
        >
          {() => (
            <Form.Item label={t('units.name')} name="name" rules={[required(t, t('units.name')), maxLength(t, t('units.name'), 100)]}>
              <Input />
            </Form.Item>
          )}
        </CommandModal>
      )}
      {action?.type === 'move' && <MoveUnitModal units={units.data ?? []} unit={action.unit} onClose={() => setAction(null)} onDone={refresh} />}
    </Page>
  );
}

function CreateUnitModal({ units, parent, onClose, onDone }: { units: Unit[]; parent?: Unit; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const punct = usePunctuation();
  const anyParent = useMemo(() => (u: Unit) => !!levelBelow(u.level), []);
  const options = useUnitTree(units, anyParent, t);
  const byId = new Map(units.map((u) => [u.id, u]));
  return (
    <CommandModal<{ name: string; level: Level; parentId: string }, WriteResult>
      title={parent ? punct.labelled(t('units.createChild'), parent.name) : t('units.create')}
      testId="create-unit"
      draftKey="admin.createUnit"
      okText={t('units.create')}
      initialValues={parent ? { parentId: parent.id, level: levelBelow(parent.level) } : undefined}
      onClose={onClose}
      onValuesChange={(changed, _all, form) => {
        if (changed.parentId) {
          const chosen = byId.get(changed.parentId);
          if (chosen) form.setFieldValue('level', levelBelow(chosen.level));
        }
      }}
      submit={(v) => api.post<WriteResult>('/units', { name: v.name.trim(), level: v.level, parentId: v.parentId })}
      onSuccess={onDone}
    >
      {() => (
        <>
          <Form.Item label={t('units.parent')} name="parentId" rules={[required(t, t('units.parent'), true)]}>
            <TreeSelect treeData={options} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
          </Form.Item>
          <Form.Item label={t('units.name')} name="name" rules={[required(t, t('units.name')), maxLength(t, t('units.name'), 100)]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('units.level')} name="level" extra={t('units.levelHint')} rules={[required(t, t('units.level'), true)]}>
            <Select options={LEVELS.map((level) => ({ value: level, label: t(`common:levels.${level}`) }))} />
          </Form.Item>
        </>
      )}
    </CommandModal>
  );
}

function MoveUnitModal({ units, unit, onClose, onDone }: { units: Unit[]; unit: Unit; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const above = levelAbove(unit.level);
  const selectable = useMemo(() => (u: Unit) => u.level === above && u.id !== unit.parentId && !u.path.includes(unit.id), [above, unit]);
  const options = useUnitTree(units, selectable, t);
  return (
    <CommandModal<{ parentId: string }, WriteResult>
      title={t('units.moveTitle', { name: unit.name })}
      testId="move-unit"
      okText={t('units.move')}
      onClose={onClose}
      submit={(v) => api.put<WriteResult>(`/units/${unit.id}/parent`, { parentId: v.parentId }, { ifMatch: unit.revision })}
      onSuccess={onDone}
    >
      {() => (
        <Form.Item
          label={t('units.newParent')}
          name="parentId"
          extra={above ? t('units.parentLevel', { level: t(`common:levels.${above}`) }) : t('units.noParentLevel')}
          rules={[required(t, t('units.newParent'), true)]}
        >
          <TreeSelect treeData={options} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
        </Form.Item>
      )}
    </CommandModal>
  );
}
