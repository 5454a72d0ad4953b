export interface AuditEventTable {
  id: string;
  chain: string;
  seq: number;
  agency_id: string | null;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  occurred_at: string;
  prev_mac: string;
  mac: string;
}

export interface AuditChainHeadTable {
  chain: string;
  seq: number;
  mac: string;
  head_mac: string;
  updated_at: string;
}

export interface AuditCheckpointTable {
  id: string;
  chain: string;
  seq: number;
  mac: string;
  checkpoint_mac: string;
  created_at: string;
}
