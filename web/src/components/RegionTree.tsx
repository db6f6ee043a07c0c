import { useEffect, useState } from 'react';
import { Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { api } from '../api/client.ts';
import type { Region } from '../api/types.ts';
import { mayHaveChildren } from '../lib/regions.ts';

function toNode(r: Region): DataNode {
  return { key: r.code, title: r.name, isLeaf: !mayHaveChildren(r) };
}

function attach(nodes: DataNode[], key: string, children: DataNode[]): DataNode[] {
  return nodes.map((n) => {
    if (n.key === key) return { ...n, children, isLeaf: children.length === 0 };
    if (n.children) return { ...n, children: attach(n.children, key, children) };
    return n;
  });
}

/** The administrative tree of this node's territory; children load when a node is opened. */
export function RegionTree({ selected, onSelect }: { selected?: string; onSelect: (code: string | undefined, name?: string) => void }) {
  const [data, setData] = useState<DataNode[] | null>(null);
  const [expanded, setExpanded] = useState<React.Key[]>([]);

  useEffect(() => {
    let gone = false;
    (async () => {
      const self = await api.get<Region[]>('/api/v1/regions');
      const root = self[0] ?? { code: '140000', name: '山西省', level: 'province' };
      const kids = await api.get<Region[]>('/api/v1/regions', { parent: root.code });
      if (gone) return;
      setData([{ ...toNode(root), children: kids.map(toNode), isLeaf: kids.length === 0 }]);
      setExpanded([root.code]);
    })().catch(() => !gone && setData([]));
    return () => {
      gone = true;
    };
  }, []);

  if (!data) return <Spin />;
  return (
    <Tree
      treeData={data}
      expandedKeys={expanded}
      onExpand={setExpanded}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys, info) => onSelect(keys[0] as string | undefined, String(info.node.title))}
      loadData={async (node) => {
        if (node.children) return;
        const kids = await api.get<Region[]>('/api/v1/regions', { parent: String(node.key) });
        setData((d) => (d ? attach(d, String(node.key), kids.map(toNode)) : d));
      }}
      showLine
      blockNode
    />
  );
}
