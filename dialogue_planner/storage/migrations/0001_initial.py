"""Schema version 1: every table as first released (a frozen copy, independent of the models)."""
from peewee import *


def up(migrator, db):
    class Country(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        name = CharField(unique=True, max_length=200)
        iso_code = CharField(unique=True, max_length=2)
        is_home = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'country'
    db.create_tables([Country])

    class Dialogue(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        country = ForeignKeyField(Country, unique=True, on_delete='RESTRICT')
        title = CharField(max_length=300)
        start_year = IntegerField(null=True)
        counterpart_ministry = CharField(max_length=300, default='')
        focus_target = IntegerField(default=4)
        engagement_level = CharField(max_length=40, default='active')
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'dialogue'
    db.create_tables([Dialogue])

    class Round(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        dialogue = ForeignKeyField(Dialogue, on_delete='CASCADE')
        number = IntegerField()
        start_date = DateField(null=True)
        end_date = DateField(null=True)
        city = CharField(max_length=200, default='')
        host_side = CharField(max_length=40, default='partner')
        level = CharField(max_length=40, default='senior_officials')
        status = CharField(max_length=40, default='planned')
        purpose = TextField(default='')
        outcome_summary = TextField(default='')
        class Meta:
            database = db
            table_name = 'round'
            indexes = ((('dialogue', 'number'), True),)
    db.create_tables([Round])

    class Topic(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        name = CharField(unique=True, max_length=200)
        description = TextField(default='')
        class Meta:
            database = db
            table_name = 'topic'
    db.create_tables([Topic])

    class AgendaItem(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        round = ForeignKeyField(Round, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, on_delete='RESTRICT')
        position = IntegerField(default=0)
        minutes = IntegerField(default=0)
        objectives = TextField(default='')
        talking_points = TextField(default='')
        critical_questions = TextField(default='')
        partner_priorities = TextField(default='')
        outcome_notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'agenda_item'
            indexes = ((('round', 'topic'), True),)
    db.create_tables([AgendaItem])

    class IndividualCase(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        person_name = CharField(max_length=200)
        country = ForeignKeyField(Country, on_delete='RESTRICT')
        topic = ForeignKeyField(Topic, null=True, on_delete='RESTRICT')
        category = CharField(max_length=40, default='human_rights_defender')
        situation = CharField(max_length=40, default='detained')
        summary = TextField(default='')
        sensitivity = CharField(max_length=40, default='confidential')
        class Meta:
            database = db
            table_name = 'individual_case'
    db.create_tables([IndividualCase])

    class CaseRaising(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        case = ForeignKeyField(IndividualCase, on_delete='CASCADE')
        round = ForeignKeyField(Round, on_delete='CASCADE')
        response = TextField(default='')
        class Meta:
            database = db
            table_name = 'case_raising'
            indexes = ((('case', 'round'), True),)
    db.create_tables([CaseRaising])

    class ChangeRecord(Model):
        changed_at = DateTimeField(index=True)
        changed_by = CharField(max_length=100, default='')
        table_name = CharField(max_length=100)
        record_id = IntegerField()
        action = CharField(max_length=40)
        changes = TextField(default='{}')
        class Meta:
            database = db
            table_name = 'change_record'
            indexes = ((('table_name', 'record_id'), False),)
    db.create_tables([ChangeRecord])

    class Institution(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        name = CharField(max_length=300)
        country = ForeignKeyField(Country, on_delete='RESTRICT')
        sector = CharField(max_length=40, default='ministry')
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'institution'
    db.create_tables([Institution])

    class Person(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        name = CharField(max_length=200)
        title = CharField(max_length=300, default='')
        institution = ForeignKeyField(Institution, null=True, on_delete='RESTRICT')
        email = CharField(max_length=100, default='')
        phone = CharField(max_length=100, default='')
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'person'
    db.create_tables([Person])

    class DelegationMember(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        round = ForeignKeyField(Round, on_delete='CASCADE')
        person = ForeignKeyField(Person, on_delete='RESTRICT')
        side = CharField(max_length=40, default='home')
        role = CharField(max_length=40, default='member')
        class Meta:
            database = db
            table_name = 'delegation_member'
            indexes = ((('round', 'person'), True),)
    db.create_tables([DelegationMember])

    class EngagementChange(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        dialogue = ForeignKeyField(Dialogue, on_delete='CASCADE')
        changed_on = DateField()
        level = CharField(max_length=40)
        reason = TextField(default='')
        class Meta:
            database = db
            table_name = 'engagement_change'
    db.create_tables([EngagementChange])

    class FollowUp(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        round = ForeignKeyField(Round, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, null=True, on_delete='RESTRICT')
        description = TextField(default='')
        owner = CharField(max_length=40, default='home')
        due_date = DateField(null=True)
        status = CharField(max_length=40, default='open')
        completed_on = DateField(null=True)
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'follow_up'
    db.create_tables([FollowUp])

    class JointProject(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        title = CharField(max_length=300)
        country = ForeignKeyField(Country, on_delete='RESTRICT')
        implementing_institution = ForeignKeyField(Institution, null=True, on_delete='RESTRICT')
        budget = DecimalField(null=True, max_digits=15, decimal_places=2)
        currency = CharField(max_length=3, default='')
        start_date = DateField(null=True)
        end_date = DateField(null=True)
        status = CharField(max_length=40, default='proposed')
        description = TextField(default='')
        class Meta:
            database = db
            table_name = 'joint_project'
    db.create_tables([JointProject])

    class MultilateralItem(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        forum = CharField(max_length=40, default='hrc')
        title = CharField(max_length=300)
        session = CharField(max_length=100, default='')
        held_on = DateField(null=True)
        our_role = CharField(max_length=40, default='supporter')
        outcome = CharField(max_length=300, default='')
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'multilateral_item'
    db.create_tables([MultilateralItem])

    class MultilateralPosition(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        item = ForeignKeyField(MultilateralItem, on_delete='CASCADE')
        country = ForeignKeyField(Country, on_delete='RESTRICT')
        position = CharField(max_length=40, default='unknown')
        note = CharField(max_length=300, default='')
        class Meta:
            database = db
            table_name = 'multilateral_position'
            indexes = ((('item', 'country'), True),)
    db.create_tables([MultilateralPosition])

    class MultilateralTopic(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        item = ForeignKeyField(MultilateralItem, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'multilateral_topic'
            indexes = ((('item', 'topic'), True),)
    db.create_tables([MultilateralTopic])

    class PriorityTopic(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        dialogue = ForeignKeyField(Dialogue, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, on_delete='RESTRICT')
        valid_from = DateField()
        valid_to = DateField(null=True)
        class Meta:
            database = db
            table_name = 'priority_topic'
    db.create_tables([PriorityTopic])

    class ProjectDonor(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        project = ForeignKeyField(JointProject, on_delete='CASCADE')
        name = CharField(max_length=200)
        amount = DecimalField(null=True, max_digits=15, decimal_places=2)
        class Meta:
            database = db
            table_name = 'project_donor'
    db.create_tables([ProjectDonor])

    class ProjectPartner(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        project = ForeignKeyField(JointProject, on_delete='CASCADE')
        institution = ForeignKeyField(Institution, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'project_partner'
            indexes = ((('project', 'institution'), True),)
    db.create_tables([ProjectPartner])

    class ProjectResult(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        project = ForeignKeyField(JointProject, on_delete='CASCADE')
        indicator = CharField(max_length=300)
        baseline = FloatField(null=True)
        target = FloatField(null=True)
        actual = FloatField(null=True)
        as_of = DateField(null=True)
        class Meta:
            database = db
            table_name = 'project_result'
    db.create_tables([ProjectResult])

    class ProjectTopic(Model):
        created_at = DateTimeField()
        updated_at = DateTimeField()
        changed_by = CharField(max_length=100, default='')
        version = IntegerField(default=1)
        project = ForeignKeyField(JointProject, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'project_topic'
            indexes = ((('project', 'topic'), True),)
    db.create_tables([ProjectTopic])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('project_topic'))
    migrator.migrate(migrator.drop_table('project_result'))
    migrator.migrate(migrator.drop_table('project_partner'))
    migrator.migrate(migrator.drop_table('project_donor'))
    migrator.migrate(migrator.drop_table('priority_topic'))
    migrator.migrate(migrator.drop_table('multilateral_topic'))
    migrator.migrate(migrator.drop_table('multilateral_position'))
    migrator.migrate(migrator.drop_table('multilateral_item'))
    migrator.migrate(migrator.drop_table('joint_project'))
    migrator.migrate(migrator.drop_table('follow_up'))
    migrator.migrate(migrator.drop_table('engagement_change'))
    migrator.migrate(migrator.drop_table('delegation_member'))
    migrator.migrate(migrator.drop_table('person'))
    migrator.migrate(migrator.drop_table('institution'))
    migrator.migrate(migrator.drop_table('change_record'))
    migrator.migrate(migrator.drop_table('case_raising'))
    migrator.migrate(migrator.drop_table('individual_case'))
    migrator.migrate(migrator.drop_table('agenda_item'))
    migrator.migrate(migrator.drop_table('topic'))
    migrator.migrate(migrator.drop_table('round'))
    migrator.migrate(migrator.drop_table('dialogue'))
    migrator.migrate(migrator.drop_table('country'))

