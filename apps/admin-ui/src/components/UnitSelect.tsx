import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { usePunctuation } from './punctuation';

export interface Unit {
  id: string;
  name: string;
  level: 'city' | 'district' | 'township' | 'community';
  parentId: string | null;
  path: string[];
  revision: number;
}

/** The signed-in user's unit and every unit below it (the API scopes the list). */
export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: () => api.get<{ items: Unit[] }>('/units').then((page) => page.items),
    staleTime: 60_000,
  });
}

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

export function UnitSelect({ value, onChange, id, allowClear, placeholder, ...rest }: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const punct = usePunctuation();
  const units = useUnits();
  const tree = useMemo(() => {
    const items = units.data ?? [];
    const nodes = new Map(items.map((unit) => [unit.id, { value: unit.id, title: punct.note(unit.name, t(`levels.${unit.level}`)), children: [] as TreeNode[] }]));
    const roots: TreeNode[] = [];
    for (const unit of items) {
      const node = nodes.get(unit.id)!;
      const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }, [units.data, t, punct]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={tree}
      treeDefaultExpandAll
      loading={units.isPending}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{ treeNodeFilterProp: 'title' }}
      style={{ width: '100%' }}
      aria-label={rest['aria-label']}
    />
  );
}
