import { useEffect, useRef, useState } from 'react';
import { Button, Image, Space, Tag } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, tokenStore } from '../../api/client.ts';
import { showError } from '../../components/feedback.ts';

async function upload(file: File, site: string): Promise<string> {
  const q = new URLSearchParams({ site, name: file.name.slice(0, 200) });
  const res = await fetch(`/api/v1/files?${q}`, { method: 'POST', headers: { authorization: `Bearer ${tokenStore.get() ?? ''}`, 'content-type': file.type || 'application/octet-stream' }, body: file });
  const json = (await res.json().catch(() => ({}))) as { id?: string; error?: { code: string; message: string } };
  if (!res.ok || !json.id) throw new ApiError(res.status, json.error?.code ?? `http_${res.status}`, json.error?.message ?? res.statusText);
  return json.id;
}

/** Photos taken on the spot (the phone's camera) or picked, uploaded to the site's files; the value is their ids. */
export function PhotoInput(props: { site?: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const ids = props.value ?? [];
  const pick = async (files: FileList | null) => {
    if (!files?.length || !props.site) return;
    setBusy(true);
    try {
      const added: string[] = [];
      for (const f of Array.from(files)) added.push(await upload(f, props.site));
      props.onChange?.([...ids, ...added]);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <Button icon={<CameraOutlined />} loading={busy} disabled={!props.site} onClick={() => input.current?.click()}>
        {t('dp.hazard.addPhoto')}
      </Button>
      <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void pick(e.target.files).then(() => (e.target.value = ''))} />
      {ids.map((id, i) => (
        <Tag key={id} closable onClose={() => props.onChange?.(ids.filter((x) => x !== id))}>
          {t('dp.hazard.photos')} {i + 1}
        </Tag>
      ))}
    </Space>
  );
}

/** A stored photo, fetched with the session's token (an <img> cannot send it). */
export function Photo({ id }: { id: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let url: string | undefined;
    void fetch(`/api/v1/files/${id}`, { headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` } })
      .then((r) => (r.ok ? r.blob() : null))
      .then((b) => {
        if (b) setSrc((url = URL.createObjectURL(b)));
      });
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  return src ? <Image src={src} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} /> : <div style={{ width: 96, height: 96, background: '#f0f0f0', borderRadius: 4 }} />;
}

export function PhotoStrip({ ids }: { ids: string[] }) {
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap style={{ marginTop: 6 }}>
        {ids.map((id) => (
          <Photo key={id} id={id} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
