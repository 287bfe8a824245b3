// Demo accounts of the development broker (docs/oidc-brokers.md). Fixed, fictional
// data; the BSNs pass the elfproef and belong to the demo person registry.
// The claim names are this broker's; Open Loket maps them per broker (OIDC_BROKERS).
export const accounts = {
  // eHerkenning: an employee of a company, identified by a pseudonym (no BSN).
  'eh-demo-medewerker-1': {
    client: 'open-loket-eherkenning',
    label: 'Medewerker van Bakkerij De Vries B.V. (eHerkenning EH3)',
    claims: {
      'urn:etoegang:core:ActingSubjectID': 'eh-demo-medewerker-1',
      'urn:etoegang:core:LegalSubjectID': '68750110',
      'urn:etoegang:1.9:ServiceRestriction:Vestigingsnr': '000038509504',
      'urn:etoegang:core:LegalSubjectName': 'Bakkerij De Vries B.V.',
      // Zoetermeer's terrace permit service in the eHerkenning dienstcatalogus
      // (its OIN); Open Loket's register of mandate services says what it opens.
      'urn:etoegang:core:ServiceID': ['urn:etoegang:DV:00000001001918000000:services:1'],
      'urn:etoegang:core:LevelOfAssurance': 'EH3',
    },
  },
  // DigiD Machtigen: Suzanne Moulin acts for Fatima El Amrani.
  'machtigen-demo-1': {
    client: 'open-loket-machtigen',
    label: 'Suzanne Moulin (999993653) voor Fatima El Amrani (999991772)',
    claims: {
      'gemachtigde.bsn': '999993653',
      'aanvrager.bsn': '999991772',
      'aanvrager.naam': 'Fatima El Amrani',
      service_id: ['zoetermeer-bijzondere-bijstand-aanvragen'],
      authsp_level: 'substantieel',
    },
  },
  // Test account: logged in, but the broker sends no mandate (services) claim.
  'machtigen-zonder-dienst': {
    client: 'open-loket-machtigen',
    label: 'Suzanne Moulin (999993653) voor Fatima El Amrani, zonder dienst',
    claims: {
      'gemachtigde.bsn': '999993653',
      'aanvrager.bsn': '999991772',
      authsp_level: 'substantieel',
    },
  },
};

export const claimNames = [
  ...new Set(Object.values(accounts).flatMap((account) => Object.keys(account.claims))),
];
