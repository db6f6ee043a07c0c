import type { ReactNode } from 'react';
import { Card, List, Pagination } from 'antd';
import { useTranslation } from 'react-i18next';

/** A list as cards, for phone widths where a wide table would have to scroll sideways. */
export function CardList<T>(props: {
  items: T[];
  loading: boolean;
  rowKey: (item: T) => string;
  title: (item: T) => ReactNode;
  body: (item: T) => ReactNode;
  onOpen: (item: T) => void;
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <List
        loading={props.loading}
        dataSource={props.items}
        rowKey={props.rowKey}
        split={false}
        renderItem={(item) => (
          <List.Item style={{ padding: '4px 0' }}>
            <Card size="small" hoverable style={{ width: '100%' }} onClick={() => props.onOpen(item)} title={props.title(item)} data-testid="list-card">
              {props.body(item)}
            </Card>
          </List.Item>
        )}
      />
      <div style={{ display: 'flex', justifyContent: 'center', marginTop: 8 }}>
        <Pagination simple current={props.page} pageSize={props.size} total={props.total} onChange={props.onPage} showTotal={(n) => t('common.total', { n })} />
      </div>
    </>
  );
}
